DROP TABLE outbox;
DROP TABLE mail_settings;
