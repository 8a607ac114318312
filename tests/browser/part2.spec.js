//! Console part 2's pages as their people reach them (issue 15): each
//! checked by axe-core (WCAG 2.1 AA) and photographed at 1280 and 360 px,
//! where none may scroll sideways (lib.js: screenshots, expectNoSideScroll).
//! The walk through a whole accreditation, interview and press conference
//! is walk2.spec.js; this opens each list and form, also when empty.
// @ts-check
const { test, expect, signIn, checkA11y, screenshots } = require('./lib');

async function look(page, name) {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await checkA11y(page);
  await screenshots(page, name);
}

/** Opens the link named `name` and looks at its page, if this page offers it. */
async function lookVia(page, name, shot) {
  const link = page.getByRole('link', { name, exact: true }).first();
  if ((await link.count()) === 0) return false;
  await link.click();
  await look(page, shot);
  await page.goBack();
  return true;
}

/** Follows the first link of the main table, if the list has one. */
async function firstRecord(page) {
  const link = page.locator('main table tbody tr').first().getByRole('link').first();
  if ((await link.count()) === 0) return false;
  await link.click();
  return true;
}

test('the press side, as Sở Ngoại vụ', async ({ page }) => {
  await signIn(page, 'ngoaivu');
  await page.getByRole('link', { name: 'Báo chí' }).click();
  await look(page, 'press-hub');
  await page.getByRole('link', { name: 'Phóng viên', exact: true }).click();
  await look(page, 'reporters');
  if (await firstRecord(page)) await look(page, 'reporter');
  await page.goto('/reporters/new');
  await look(page, 'reporter-new');
  await page.goto('/press-work');
  await page.getByRole('link', { name: 'Hồ sơ tác nghiệp', exact: true }).click();
  await look(page, 'accreditations');
  if (await firstRecord(page)) {
    await look(page, 'accreditation');
    await lookVia(page, 'Sửa hồ sơ', 'accreditation-edit');
    await lookVia(page, 'Sửa', 'activity-edit');
  }
  await page.goto('/accreditations/new');
  await look(page, 'accreditation-new');
});

test('interviews and press conferences, as the Provincial Office', async ({ page }) => {
  await signIn(page, 'vanphong');
  await page.getByRole('link', { name: 'Báo chí' }).click();
  await page.getByRole('link', { name: 'Phỏng vấn', exact: true }).click();
  await look(page, 'interviews');
  if (await firstRecord(page)) {
    await look(page, 'interview');
    await lookVia(page, 'Sửa cuộc phỏng vấn', 'interview-edit');
  }
  await page.goto('/interviews/new');
  await look(page, 'interview-new');
  await page.goto('/press-work');
  await page.getByRole('link', { name: 'Họp báo', exact: true }).click();
  await look(page, 'conferences');
  if (await firstRecord(page)) {
    await look(page, 'conference');
    await lookVia(page, 'Sửa cuộc họp báo', 'conference-edit');
  }
  await page.goto('/press-conferences/new');
  await look(page, 'conference-new');
});

test('the public press page, without signing in', async ({ page }) => {
  await page.goto('/press');
  await look(page, 'public-press');
  // The public feed's address, to subscribe in a calendar app.
  await expect(page.locator('a[href^="webcal://"]').first()).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await look(page, 'public-press-en');
});

test('administration and the audit trail, as the administrator', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Quản trị' }).click();
  await look(page, 'admin');
  // Issue 16's pages: the days off and swaps, and the settings.
  expect(await lookVia(page, 'Ngày nghỉ và ngày làm bù', 'admin-calendar')).toBe(true);
  expect(await lookVia(page, 'Cài đặt lịch làm việc, thời hạn và cảnh báo', 'admin-settings')).toBe(true);
  await page.getByRole('link', { name: 'Người dùng', exact: true }).first().click();
  await look(page, 'users');
  await page.goto('/admin/users/new');
  await look(page, 'user-new');
  await page.goto('/admin/units');
  await look(page, 'units');
  if (await firstRecord(page)) {
    await look(page, 'unit');
    await page.getByRole('link', { name: 'Sáp nhập vào đơn vị khác' }).click();
    await look(page, 'unit-merge');
  }
  await page.getByRole('link', { name: 'Nhật ký' }).click();
  await look(page, 'audit');
});
