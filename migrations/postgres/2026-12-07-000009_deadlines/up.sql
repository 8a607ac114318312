-- The province's settings that are data, not code: the working calendar's
-- choices (Saturday working, extra holidays), the deadlines and the expiry
-- warning horizons, one JSON document per name ('deadlines' today). A name
-- that has no row has its defaults (src/domain/deadlines.rs).
CREATE TABLE settings (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

-- The government's yearly swaps for civil servants: a weekday off
-- (working = false) or a Saturday worked (working = true). The administrator keeps
-- them; the known ones ship here, each with its source (the same table as
-- domain::working_days::known_swaps, which a test compares with this one).
CREATE TABLE calendar_swaps (
    day DATE PRIMARY KEY NOT NULL,
    working BOOLEAN NOT NULL,
    note TEXT NOT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
INSERT INTO calendar_swaps (day, working, note, source, created_at, updated_at) VALUES
    ('2025-04-26', TRUE, 'Làm bù cho ngày nghỉ thứ Sáu 02/05/2025', 'Văn bản 8726/VPCP-KGVX (26/11/2024); Thông báo 6150/TB-BLĐTBXH (29/11/2024)', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('2025-05-02', FALSE, 'Nghỉ hoán đổi, làm bù thứ Bảy 26/04/2025', 'Văn bản 8726/VPCP-KGVX (26/11/2024); Thông báo 6150/TB-BLĐTBXH (29/11/2024)', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('2026-01-02', FALSE, 'Nghỉ hoán đổi, làm bù thứ Bảy 10/01/2026', 'Văn bản 12729/VPCP-KGVX (25/12/2025)', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('2026-01-10', TRUE, 'Làm bù cho ngày nghỉ thứ Sáu 02/01/2026', 'Văn bản 12729/VPCP-KGVX (25/12/2025)', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('2026-08-22', TRUE, 'Làm bù cho ngày nghỉ thứ Hai 31/08/2026', 'Phương án nghỉ lễ Quốc khánh 2026 của Bộ Nội vụ (theo thuvienphapluat.vn; số văn bản chưa xác nhận)', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    ('2026-08-31', FALSE, 'Nghỉ hoán đổi, làm bù thứ Bảy 22/08/2026', 'Phương án nghỉ lễ Quốc khánh 2026 của Bộ Nội vụ (theo thuvienphapluat.vn; số văn bản chưa xác nhận)', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

-- Expiry: what makes a visit illegal when it runs out. Personal data like
-- the passport number: hidden from the roles that may not see it.
ALTER TABLE delegation_members ADD COLUMN passport_expiry DATE;
ALTER TABLE delegation_members ADD COLUMN visa_type TEXT;
ALTER TABLE delegation_members ADD COLUMN visa_number TEXT;
ALTER TABLE delegation_members ADD COLUMN visa_end DATE;
ALTER TABLE reporters ADD COLUMN passport_expiry DATE;
ALTER TABLE reporters ADD COLUMN visa_type TEXT;
ALTER TABLE reporters ADD COLUMN visa_number TEXT;
ALTER TABLE reporters ADD COLUMN visa_end DATE;
ALTER TABLE reporters ADD COLUMN press_card_end DATE;
