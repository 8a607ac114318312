DROP TABLE press_conference_attendees;
DROP TABLE press_conferences;
DROP TABLE interview_reporters;
DROP TABLE interviews;
DROP TABLE press_activities;
DROP TABLE accreditation_reporters;
DROP TABLE accreditations;
DROP TABLE reporters;
