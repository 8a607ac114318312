DROP TABLE user_preferences;
DROP TABLE console_sessions;
