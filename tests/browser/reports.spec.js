//! A unit's report from the first word to the province's file, as the
//! people who do it click and type (issue 17's last "Done when"): the host
//! unit (`donvi`, Sở Kế hoạch và Đầu tư) picks the year under way (the
//! demo's records fall in it, so its chart has bars), begins its report, is
//! told it cannot submit without its results, drafts the four sections,
//! saves, sees the figures' chart (inline SVG) and tables, and submits; the
//! administrator — the demo names no compiling unit, and then the
//! administrator compiles (domain/report/workflow.rs: the administrator may
//! take every row) — finds it in the overview, is told a return needs a
//! note, returns it with one; the host unit finds it in its inbox with the
//! note, fixes a section and submits again; the administrator accepts it,
//! reads the overview (the unit accepted, the others not begun) and
//! downloads the province's .docx and .xlsx; the host unit downloads its
//! own. The .docx files are opened (zip, word/document.xml) and must hold
//! the unit's text. Runs in both projects (with JavaScript and without),
//! each on its own fresh server: a unit begins a period's report once, so
//! this walk does not run twice on one server. Its pages are checked by
//! axe-core and photographed at 1280 and 360 px (where none may scroll
//! sideways).
// @ts-check
const fs = require('node:fs');
const zlib = require('node:zlib');
const { test, expect, signIn, signOut, checkA11y, screenshots, nav, notice } = require('./lib');

const UNIT = 'Sở Kế hoạch và Đầu tư';
/** The file names' form of UNIT (model/report/document.rs: slug). */
const UNIT_SLUG = 'so-ke-hoach-va-dau-tu';

/** Checks the page (axe) and photographs it. */
async function look(page, name) {
  await checkA11y(page);
  await screenshots(page, name);
}

/** Today in the province (UTC+7), as yyyy-mm-dd. */
function provinceToday() {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** What a `<dt>` of the page's summary says: the `<dd>` after it. */
function described(page, term) {
  return page.locator('dl.summary dt', { hasText: new RegExp(`^${term}$`) }).locator('xpath=following-sibling::dd[1]');
}

/**
 * One file of a zip archive (a .docx, an .xlsx), read through its central
 * directory: stored or deflated, as Office files are.
 * @param {Buffer} zip
 * @param {string} name
 */
function unzip(zip, name) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
    names.push(entry);
    if (entry === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      if (method === 0) return data.toString('utf8');
      if (method === 8) return zlib.inflateRawSync(data).toString('utf8');
      throw new Error(`${name}: compression method ${method}`);
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in the archive (it holds ${names.join(', ')})`);
}

/**
 * Clicks the link and takes the download it starts: its suggested name and
 * its bytes.
 * @param {import('@playwright/test').Page} page
 * @param {import('@playwright/test').Locator} link
 */
async function download(page, link) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await file.path();
  expect(await file.failure()).toBeNull();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(path) };
}

/** The text of a .docx's body, its runs' markup taken out. */
function docxText(bytes) {
  expect(bytes.subarray(0, 2).toString('latin1'), 'a .docx is a zip archive').toBe('PK');
  return unzip(bytes, 'word/document.xml').replace(/<[^>]+>/g, '');
}

test("a unit's annual report: drafted, returned, fixed, accepted and compiled", async ({ page }, info) => {
  test.setTimeout(240_000);
  const today = provinceToday();
  // The year under way: 15/12 of the year before to 14/12, due 15/12.
  const year = Number(today.slice(0, 4)) + (today.slice(5) > '12-14' ? 1 : 0);
  const period = `Năm ${year}`;
  const heading = `Báo cáo công tác thông tin đối ngoại – ${period}`;
  const due = `15/12/${year}`;
  const run = `${info.project.name}-${Date.now().toString(36)}`;
  const sections = {
    'Kết quả thực hiện': `Sở đã đón 3 đoàn vào từ Nhật Bản và Hàn Quốc về xúc tiến đầu tư (${run}).`,
    'Khó khăn, hạn chế': 'Thông tin về đối tác nước ngoài đến muộn, khó thẩm tra trước chuyến thăm.',
    'Kiến nghị, đề xuất': 'Đề nghị Sở Ngoại vụ tập huấn nghiệp vụ lễ tân đối ngoại cho cán bộ.',
    'Phương hướng, nhiệm vụ kỳ tới': 'Chuẩn bị đón đoàn doanh nghiệp Shizuoka vào quý III.',
  };
  const note = `Phần kiến nghị cần nêu rõ cơ quan được đề nghị và thời hạn (${run}).`;
  const fixed = `Đề nghị Sở Ngoại vụ tổ chức tập huấn lễ tân đối ngoại trước 30/9 (${run}).`;
  const status = (page) => described(page, 'Trạng thái');

  await test.step('the host unit opens the year under way and begins its report', async () => {
    await signIn(page, 'donvi');
    await nav(page, 'Báo cáo');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Báo cáo công tác thông tin đối ngoại');
    await page.getByLabel('Kỳ báo cáo', { exact: true }).selectOption({ label: period });
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator('main')).toContainText(`${UNIT} · 15/12/${year - 1} – 14/12/${year}`);
    await expect(page.locator('main')).toContainText(`Hạn nộp: ${due}`);
    await expect(page.getByText('Đơn vị chưa bắt đầu báo cáo kỳ này.')).toBeVisible();
    await look(page, 'reports-not-begun');
    await page.getByRole('button', { name: 'Bắt đầu báo cáo', exact: true }).click();
    await expect(notice(page)).toContainText('Đã bắt đầu báo cáo. Hãy viết các phần dưới đây.');
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(status(page)).toHaveText('Dự thảo');
  });

  await test.step('is told it cannot submit before writing its results', async () => {
    await page.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    await expect(page.locator('.error-summary')).toBeVisible();
    await expect(page.locator('main')).toContainText('Cần viết phần kết quả thực hiện trước khi gửi báo cáo');
    await expect(status(page)).toHaveText('Dự thảo');
  });

  await test.step('drafts its four sections, saves, and sees the figures as a chart', async () => {
    for (const [label, text] of Object.entries(sections)) {
      await page.getByLabel(label, { exact: true }).fill(text);
    }
    await page.getByRole('button', { name: 'Lưu báo cáo', exact: true }).click();
    await expect(notice(page)).toContainText('Đã lưu báo cáo.');
    for (const [label, text] of Object.entries(sections)) {
      await expect(page.getByLabel(label, { exact: true })).toHaveValue(text);
    }
    await expect(status(page)).toHaveText('Dự thảo');
    // The chart is drawn on the server: an SVG image named by its title.
    const chart = page.getByRole('img', { name: 'Các số liệu chính: kỳ này so với cùng kỳ năm trước' });
    await expect(chart).toBeVisible();
    expect(await chart.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    // The demo's delegations of the unit fall in the year: some bar is drawn.
    expect(await chart.locator('rect[height="14"]:not([width="0"])').count()).toBeGreaterThan(0);
    for (const label of ['Kỳ này', 'Cùng kỳ năm trước', 'Đoàn vào', 'Đoàn ra']) {
      await expect(chart).toContainText(label);
    }
    await expect(page.getByRole('table').first()).toBeVisible();
    await look(page, 'reports-draft');
  });

  await test.step('and submits it to the compiling unit', async () => {
    await page.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    await expect(notice(page)).toContainText('Đã gửi báo cáo đến đơn vị tổng hợp.');
    await expect(status(page)).toHaveText('Đã gửi');
    await expect(described(page, 'Ngày gửi')).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    // Handed in, it is no longer the unit's to write or send.
    await expect(page.getByRole('button', { name: 'Lưu báo cáo' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Gửi báo cáo' })).toHaveCount(0);
    await expect(described(page, 'Kết quả thực hiện')).toHaveText(sections['Kết quả thực hiện']);
    await look(page, 'reports-submitted');
    await signOut(page);
  });

  /** The administrator opens the unit's report from the overview. */
  const openFromOverview = async () => {
    await nav(page, 'Báo cáo');
    await page.getByRole('link', { name: 'Tình hình nộp báo cáo của các đơn vị' }).click();
    await page.getByLabel('Kỳ báo cáo', { exact: true }).selectOption({ label: period });
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Tình hình nộp báo cáo – ${period}` })).toBeVisible();
    await page.getByRole('link', { name: `Xem báo cáo – ${UNIT}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator('main')).toContainText(UNIT);
  };

  await test.step('the compiling side (the administrator) returns it, a note required', async () => {
    await signIn(page, 'admin');
    await openFromOverview();
    await expect(status(page)).toHaveText('Đã gửi');
    await expect(described(page, 'Kiến nghị, đề xuất')).toHaveText(sections['Kiến nghị, đề xuất']);
    await expect(page.getByRole('button', { name: 'Tiếp nhận báo cáo', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Trả lại để sửa', exact: true }).click();
    await expect(page.locator('.error-summary')).toBeVisible();
    await expect(page.locator('main')).toContainText('Trả lại báo cáo cần có ghi chú nói rõ cần sửa những gì');
    await expect(status(page)).toHaveText('Đã gửi');
    await page.getByLabel('Ghi chú khi trả lại', { exact: true }).fill(note);
    await page.getByRole('button', { name: 'Trả lại để sửa', exact: true }).click();
    await expect(notice(page)).toContainText('Đã trả lại báo cáo cho đơn vị.');
    await expect(status(page)).toHaveText('Bị trả lại');
    await expect(described(page, 'Lý do trả lại')).toHaveText(note);
    await signOut(page);
  });

  await test.step('the host unit finds it in its inbox, reads the note, fixes and submits again', async () => {
    await signIn(page, 'donvi');
    await page.getByRole('link', { name: 'Việc cần làm' }).first().click();
    const task = page.locator('li.task', { hasText: 'Báo cáo công tác thông tin đối ngoại' });
    await expect(task).toHaveCount(1);
    await expect(task).toContainText('Đơn vị tổng hợp đã trả lại báo cáo: xem lý do và gửi lại');
    await expect(task).toContainText('Bị trả lại');
    await expect(task).toContainText(`Hạn ${due}`);
    await look(page, 'reports-inbox-returned');
    await task.getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(status(page)).toHaveText('Bị trả lại');
    await expect(described(page, 'Lý do trả lại')).toHaveText(note);
    await expect(page.getByLabel('Kiến nghị, đề xuất', { exact: true })).toHaveValue(sections['Kiến nghị, đề xuất']);
    await look(page, 'reports-returned');
    await page.getByLabel('Kiến nghị, đề xuất', { exact: true }).fill(fixed);
    await page.getByRole('button', { name: 'Lưu báo cáo', exact: true }).click();
    await expect(notice(page)).toContainText('Đã lưu báo cáo.');
    await expect(page.getByLabel('Kiến nghị, đề xuất', { exact: true })).toHaveValue(fixed);
    await page.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
    await expect(notice(page)).toContainText('Đã gửi báo cáo đến đơn vị tổng hợp.');
    await expect(status(page)).toHaveText('Đã gửi');
    await expect(described(page, 'Kiến nghị, đề xuất')).toHaveText(fixed);
    // Sent again, it no longer waits on the unit.
    await page.getByRole('link', { name: 'Việc cần làm' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Việc cần làm' })).toBeVisible();
    await expect(page.locator('li.task', { hasText: 'Báo cáo công tác thông tin đối ngoại' })).toHaveCount(0);
    await signOut(page);
  });

  await test.step('the compiling side accepts it', async () => {
    await signIn(page, 'admin');
    await openFromOverview();
    await expect(status(page)).toHaveText('Đã gửi');
    await expect(described(page, 'Kiến nghị, đề xuất')).toHaveText(fixed);
    await page.getByRole('button', { name: 'Tiếp nhận báo cáo', exact: true }).click();
    await expect(notice(page)).toContainText('Đã tiếp nhận báo cáo.');
    await expect(status(page)).toHaveText('Đã tiếp nhận');
    await expect(page.getByRole('heading', { name: 'Việc bạn có thể làm' })).toHaveCount(0);
    // Accepted, the last return's note no longer says what to fix.
    await expect(page.locator('dl.summary dt', { hasText: 'Lý do trả lại' })).toHaveCount(0);
    await look(page, 'reports-accepted');
  });

  await test.step('reads who has reported, and downloads the province report', async () => {
    await page.getByRole('link', { name: 'Tình hình nộp báo cáo của các đơn vị' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Tình hình nộp báo cáo – ${period}` })).toBeVisible();
    await expect(page.locator('main')).toContainText(/1\/\d+ đơn vị đã gửi báo cáo/);
    // The demo names no compiling unit: the page says so.
    await expect(page.getByText('Chưa chỉ định đơn vị tổng hợp báo cáo trong phần cài đặt.')).toBeVisible();
    const row = (unit) =>
      page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: unit, exact: true }) });
    await expect(row(UNIT)).toContainText('Đã tiếp nhận');
    // The year is not yet due: no one is late.
    await expect(page.locator('main')).not.toContainText('Quá hạn');
    for (const other of ['Sở Ngoại vụ', 'Sở Văn hóa, Thể thao và Du lịch', 'UBND huyện Mai Châu']) {
      await expect(row(other)).toContainText('Chưa bắt đầu');
    }
    await look(page, 'reports-overview');

    const docx = await download(page, page.getByRole('link', { name: 'Văn bản (Word)', exact: true }));
    expect(docx.name).toBe(`bao-cao-tinh-${year}.docx`);
    const text = docxText(docx.bytes);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain(`Kết quả công tác thông tin đối ngoại năm ${year}`);
    expect(text).toContain(UNIT);
    expect(text).toContain(sections['Kết quả thực hiện']);
    expect(text).toContain(fixed);
    expect(text).not.toContain(sections['Kiến nghị, đề xuất']);

    const xlsx = await download(page, page.getByRole('link', { name: 'Bảng số liệu (Excel)', exact: true }));
    expect(xlsx.name).toBe(`bao-cao-tinh-${year}.xlsx`);
    expect(unzip(xlsx.bytes, 'xl/workbook.xml')).toContain('<sheet ');
    await signOut(page);
  });

  await test.step('the host unit sees it accepted and downloads its own report', async () => {
    await signIn(page, 'donvi');
    await nav(page, 'Báo cáo');
    await page.getByLabel('Kỳ báo cáo', { exact: true }).selectOption({ label: period });
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await expect(status(page)).toHaveText('Đã tiếp nhận');
    await expect(page.getByRole('button', { name: 'Gửi báo cáo' })).toHaveCount(0);
    // The overview is the compiling unit's: the host unit is not offered it.
    await expect(page.getByRole('link', { name: 'Tình hình nộp báo cáo của các đơn vị' })).toHaveCount(0);

    const docx = await download(page, page.getByRole('link', { name: 'Văn bản (Word)', exact: true }));
    expect(docx.name).toBe(`bao-cao-${UNIT_SLUG}-${year}.docx`);
    const text = docxText(docx.bytes);
    expect(text).toContain(UNIT.toUpperCase());
    for (const [label, written] of Object.entries(sections)) {
      expect(text).toContain(label === 'Kiến nghị, đề xuất' ? fixed : written);
    }
    const xlsx = await download(page, page.getByRole('link', { name: 'Bảng số liệu (Excel)', exact: true }));
    expect(xlsx.name).toBe(`bao-cao-${UNIT_SLUG}-${year}.xlsx`);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    await signOut(page);
  });
});
