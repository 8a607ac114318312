DROP TABLE feed_states;
DROP TABLE calendar_subscriptions;
