DROP TABLE unit_reports;
