//! A delegation from registration to report, as the people who do it click
//! and type: the host unit registers it with two members and two itinerary
//! items and submits it; Sở Ngoại vụ returns it with a note; the host unit
//! fixes it and submits again; Sở Ngoại vụ appraises; the Provincial Office
//! approves with a decision number; the police put a review with notes; the
//! schedule shows the items in their week and hour; after the end date the
//! host unit completes and reports. Each role's inbox shows its step, then
//! stops showing it. Runs in both projects: with JavaScript and without.
//! Every page it passes is checked by axe-core and photographed at 1280
//! and 360 px.
// @ts-check
const { test, expect, signIn, signOut, checkA11y, screenshots } = require('./lib');

/** A day `days` from today, as the date inputs take it (yyyy-mm-dd). */
function isoDay(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** dd/mm/yyyy, as the Vietnamese pages write a day. */
function viDay(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** Checks the page (axe) and photographs it. */
async function look(page, name) {
  await checkA11y(page);
  await screenshots(page, name);
}

/** Opens the delegation from the inbox, which must list it with `reason`. */
async function openFromInbox(page, title, reason) {
  await page.getByRole('link', { name: 'Việc cần làm' }).first().click();
  const entry = page.locator('li.task', { has: page.getByRole('link', { name: title }) });
  await expect(entry).toContainText(reason);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

/** The inbox no longer lists the delegation. */
async function notInInbox(page, title) {
  await page.getByRole('link', { name: 'Việc cần làm' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Việc cần làm' })).toBeVisible();
  await expect(page.getByRole('link', { name: title })).toHaveCount(0);
}

/** Opens the action's form from the record, fills it and sends it. */
async function act(page, link, fields, button) {
  await page.getByRole('link', { name: link, exact: true }).click();
  for (const [label, value] of fields) {
    if (value === true) await page.getByLabel(label, { exact: true }).check();
    else await page.getByLabel(label, { exact: true }).fill(value);
  }
  await page.getByRole('button', { name: button, exact: true }).click();
}

test('a delegation from registration to report', async ({ page }, info) => {
  test.setTimeout(180_000);
  const title = `Đoàn khảo sát Shizuoka ${info.project.name} ${Date.now()}`;
  const start = isoDay(-17);
  const end = isoDay(-15);

  await test.step('the host unit registers it', async () => {
    await signIn(page, 'donvi');
    await look(page, 'inbox-host-unit');
    await page.getByRole('link', { name: 'Đoàn ra, đoàn vào' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await look(page, 'delegations');
    await page.getByRole('link', { name: 'Đăng ký đoàn mới' }).click();
    // Sent empty first: the form comes back with its errors.
    await page.getByRole('button', { name: 'Đăng ký đoàn' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toContainText('Có lỗi cần sửa');
    await expect(summary.getByRole('link').first()).toBeVisible();
    await look(page, 'delegation-new-errors');

    await page.getByLabel('Đoàn vào', { exact: true }).check();
    await page.getByLabel('Tên đoàn', { exact: true }).fill(title);
    await page.getByLabel('Mục đích', { exact: true }).fill('Khảo sát cơ hội đầu tư vào khu công nghiệp');
    await page.getByLabel('Đối tác', { exact: true }).fill('Phòng Thương mại Shizuoka');
    await page.getByLabel('Quốc gia', { exact: true }).fill('JP');
    await page.getByLabel('Đơn vị chủ trì', { exact: true }).selectOption({ label: 'Sở Kế hoạch và Đầu tư' });
    await page.getByLabel('Trưởng đoàn', { exact: true }).fill('Tanaka Hiroshi');
    await page.getByLabel('Ngày bắt đầu', { exact: true }).fill(start);
    await page.getByLabel('Ngày kết thúc', { exact: true }).fill(end);
    await page.getByRole('button', { name: 'Đăng ký đoàn' }).click();
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByText('Đã đăng ký đoàn.')).toBeVisible();
  });

  await test.step('with two members', async () => {
    for (const [name, role] of [
      ['Tanaka Hiroshi', 'Trưởng đoàn'],
      ['Suzuki Aiko', 'Phiên dịch'],
    ]) {
      await page.getByRole('link', { name: 'Thêm thành viên' }).click();
      await page.getByLabel('Họ và tên', { exact: true }).fill(name);
      await page.getByLabel('Vai trò', { exact: true }).selectOption({ label: role });
      await page.getByLabel('Quốc tịch', { exact: true }).fill('JP');
      await page.getByLabel('Số hộ chiếu', { exact: true }).fill(name === 'Tanaka Hiroshi' ? 'TR1234567' : 'TZ7654321');
      if (name === 'Suzuki Aiko') await look(page, 'member-form');
      await page.getByRole('button', { name: 'Thêm thành viên' }).click();
      await expect(page.getByText('Đã thêm thành viên.')).toBeVisible();
    }
    await expect(page.getByRole('rowheader', { name: /Tanaka Hiroshi/ })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: /Suzuki Aiko/ })).toBeVisible();
    // The host unit does not see the passport numbers it typed.
    await expect(page.locator('main')).not.toContainText('TR1234567');
  });

  await test.step('and two itinerary items', async () => {
    for (const [what, from, to] of [
      ['Làm việc với lãnh đạo tỉnh', '09:00', '11:00'],
      ['Khảo sát khu công nghiệp', '14:00', '16:30'],
    ]) {
      await page.getByRole('link', { name: 'Thêm hoạt động' }).click();
      await page.getByLabel('Loại hoạt động', { exact: true }).selectOption({ label: 'Làm việc' });
      await page.getByLabel('Hoạt động', { exact: true }).fill(what);
      const starts = page.getByRole('group', { name: 'Bắt đầu' });
      await starts.getByLabel('Ngày', { exact: true }).fill(start);
      await starts.getByLabel('Giờ', { exact: true }).fill(from);
      const ends = page.getByRole('group', { name: 'Kết thúc' });
      await ends.getByLabel('Ngày', { exact: true }).fill(start);
      await ends.getByLabel('Giờ', { exact: true }).fill(to);
      await page.getByLabel('Múi giờ', { exact: true }).fill('Asia/Ho_Chi_Minh');
      await page.getByLabel('Địa điểm', { exact: true }).fill('Trụ sở UBND tỉnh');
      await page.getByLabel('Cán bộ đi cùng', { exact: true }).fill('Lê Minh Đức');
      if (from === '14:00') await look(page, 'item-form');
      await page.getByRole('button', { name: 'Thêm hoạt động' }).click();
      await expect(page.getByText('Đã thêm hoạt động vào lịch trình.')).toBeVisible();
    }
    await expect(page.getByRole('rowheader', { name: /Khảo sát khu công nghiệp/ })).toBeVisible();
    await expect(page.locator('main')).toContainText('14:00');
    await look(page, 'delegation-draft');
  });

  await test.step('and submits it', async () => {
    await page.getByRole('button', { name: 'Gửi hồ sơ', exact: true }).click();
    await expect(page.getByText('Đã gửi hồ sơ đến Sở Ngoại vụ.')).toBeVisible();
    await signOut(page);
  });

  await test.step('Sở Ngoại vụ returns it with a note', async () => {
    await signIn(page, 'ngoaivu');
    await look(page, 'inbox-foreign-affairs');
    await openFromInbox(page, title, 'Đã gửi: thẩm định hoặc trả lại');
    // Sở Ngoại vụ sees the personal data the host unit typed.
    await expect(page.locator('main')).toContainText('TR1234567');
    await act(page, 'Trả lại để bổ sung', [['Cần bổ sung, sửa những gì', 'Ghi rõ mục đích làm việc với các sở.']], 'Trả lại hồ sơ');
    await expect(page.getByText('Đã trả lại hồ sơ cho đơn vị chủ trì.')).toBeVisible();
    await notInInbox(page, title);
    await signOut(page);
  });

  await test.step('the host unit fixes it and submits again', async () => {
    await signIn(page, 'donvi');
    await openFromInbox(page, title, 'Sở Ngoại vụ trả lại: xem ghi chú và gửi lại');
    await expect(page.locator('main')).toContainText('Ghi rõ mục đích làm việc với các sở.');
    await page.getByRole('link', { name: 'Sửa thông tin đoàn' }).click();
    await page
      .getByLabel('Mục đích', { exact: true })
      .fill('Khảo sát cơ hội đầu tư; làm việc với Sở Kế hoạch và Đầu tư, Sở Công Thương.');
    await look(page, 'delegation-edit');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect(page.getByText('Đã lưu thông tin đoàn.')).toBeVisible();
    await page.getByRole('button', { name: 'Gửi hồ sơ', exact: true }).click();
    await expect(page.getByText('Đã gửi hồ sơ đến Sở Ngoại vụ.')).toBeVisible();
    await notInInbox(page, title);
    await signOut(page);
  });

  await test.step('Sở Ngoại vụ appraises it', async () => {
    await signIn(page, 'ngoaivu');
    await openFromInbox(page, title, 'Đã gửi: thẩm định hoặc trả lại');
    await page.getByRole('link', { name: 'Thẩm định', exact: true }).click();
    await page.getByLabel('Đề nghị phê duyệt', { exact: true }).check();
    await page.getByLabel('Ý kiến thẩm định', { exact: true }).fill('Đủ hồ sơ, đề nghị phê duyệt.');
    await look(page, 'action-appraise');
    await page.getByRole('button', { name: 'Gửi ý kiến thẩm định', exact: true }).click();
    await expect(page.getByText('Đã ghi ý kiến thẩm định; hồ sơ chờ quyết định của tỉnh.')).toBeVisible();
    await notInInbox(page, title);
    await signOut(page);
  });

  await test.step('the Provincial Office approves it with a decision number', async () => {
    await signIn(page, 'vanphong');
    await openFromInbox(page, title, 'Đã thẩm định: chờ quyết định của tỉnh');
    // Sent without the decision: the form says what is missing.
    await page.getByRole('link', { name: 'Phê duyệt', exact: true }).click();
    await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await expect(page.locator('.error-summary')).toBeVisible();
    await look(page, 'action-approve-errors');
    await page.getByLabel('Số quyết định', { exact: true }).fill('1234/QĐ-UBND');
    await page.getByLabel('Ngày quyết định', { exact: true }).fill(isoDay(-20));
    await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await expect(page.getByText('Đã phê duyệt đoàn.')).toBeVisible();
    await expect(page.locator('main')).toContainText('1234/QĐ-UBND');
    // The Provincial Office does not see personal data.
    await expect(page.locator('main')).not.toContainText('TR1234567');
    await notInInbox(page, title);
    await signOut(page);
  });

  await test.step('the police put a review with notes', async () => {
    await signIn(page, 'congan');
    await openFromInbox(page, title, 'Đã phê duyệt nhưng chưa có ý kiến an ninh');
    await page.getByRole('link', { name: 'Ghi ý kiến an ninh' }).click();
    await page.getByLabel('Không có vấn đề an ninh', { exact: true }).check();
    await page.getByLabel('Cán bộ xem xét', { exact: true }).fill('Đại úy Lê Văn Tâm');
    await page.getByLabel('Ghi chú của Công an', { exact: true }).fill('Đã xác minh danh sách thành viên.');
    await look(page, 'review-form');
    await page.getByRole('button', { name: 'Lưu ý kiến an ninh' }).click();
    await expect(page.getByText('Đã ghi ý kiến an ninh.')).toBeVisible();
    await expect(page.locator('main')).toContainText('Đã xác minh danh sách thành viên.');
    await look(page, 'delegation-approved-police');
    await notInInbox(page, title);
  });

  await test.step('the schedule shows the items in their week and hour', async () => {
    await page.getByRole('link', { name: 'Lịch theo dõi' }).click();
    const item = page.getByText('Làm việc với lãnh đạo tỉnh', { exact: false }).first();
    for (let i = 0; i < 6 && !(await item.isVisible()); i++) {
      await page.getByRole('link', { name: 'Tuần trước' }).first().click();
    }
    await expect(item).toBeVisible();
    const day = page.locator('.schedule__day', { hasText: viDay(start) });
    await expect(day).toContainText('Làm việc với lãnh đạo tỉnh');
    await expect(day).toContainText('09:00');
    await expect(day).toContainText('Khảo sát khu công nghiệp');
    await expect(day).toContainText('14:00');
    await look(page, 'schedule-week');
    await signOut(page);
  });

  await test.step('after the end date the host unit completes and reports', async () => {
    await signIn(page, 'donvi');
    await page.getByRole('link', { name: 'Đoàn ra, đoàn vào' }).click();
    await page.getByLabel('Tìm theo từ khóa', { exact: true }).fill(title);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    // The list links each delegation by its reference.
    await page.getByRole('row', { name: new RegExp(title) }).getByRole('link').click();
    await page.getByRole('button', { name: 'Xác nhận đoàn đã kết thúc', exact: true }).click();
    await expect(page.getByText('Đã xác nhận đoàn kết thúc; báo cáo kết quả đến hạn.')).toBeVisible();
    await openFromInbox(page, title, /Đến hạn nộp báo cáo|Báo cáo đã quá hạn/);
    await act(
      page,
      'Nộp báo cáo kết quả',
      [['Nội dung báo cáo', 'Đoàn đã làm việc theo đúng chương trình; hai bên thống nhất khảo sát tiếp.']],
      'Nộp báo cáo',
    );
    await expect(page.getByText('Đã nộp báo cáo kết quả.')).toBeVisible();
    await look(page, 'delegation-reported');
    await page.getByRole('link', { name: 'Xem lịch sử hồ sơ' }).click();
    await expect(page.locator('main')).toContainText('1234/QĐ-UBND');
    await look(page, 'delegation-history');
    await notInInbox(page, title);
  });
});

test('the other pages a person opens', async ({ page }) => {
  await signIn(page, 'congan');
  await page.getByRole('link', { name: 'Đăng ký lịch' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await look(page, 'subscriptions');
  await page.getByRole('link', { name: 'Tài khoản' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await look(page, 'me');
  // In English, chosen from the header.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await look(page, 'me-en');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});
