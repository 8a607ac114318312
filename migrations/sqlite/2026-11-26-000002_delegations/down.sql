DROP TABLE security_reviews;
DROP TABLE itinerary_items;
DROP TABLE delegation_members;
DROP TABLE delegations;
DROP TABLE reference_counters;
