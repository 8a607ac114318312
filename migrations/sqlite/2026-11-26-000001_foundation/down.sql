DROP TABLE login_failures;
DROP TABLE audit_entries;
DROP TABLE users;
DROP TABLE units;
