//! The pages the walk does not pass through, opened as a person would reach
//! them: each checked by axe-core and photographed at 1280 and 360 px, where
//! none may scroll sideways (lib.js: screenshots, expectNoSideScroll).
// @ts-check
const { test, expect, signIn, checkA11y, screenshots } = require('./lib');

async function look(page, name) {
  await checkA11y(page);
  await screenshots(page, name);
}

test('sign-in refused, in English', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Username', { exact: true }).fill('ngoaivu');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('.error-summary')).toContainText('Wrong username or password');
  await look(page, 'sign-in-refused-en');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('a draft: import, confirmations, a missing record', async ({ page }) => {
  await signIn(page, 'ngoaivu');
  await page.getByRole('link', { name: 'Đoàn ra, đoàn vào' }).click();
  await page.getByLabel('Trạng thái', { exact: true }).selectOption({ label: 'Dự thảo' });
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await look(page, 'delegations-filtered');
  await page.locator('table tbody tr').first().getByRole('link').first().click();
  const record = page.url();
  await page.getByRole('link', { name: 'Nhập lịch trình từ tệp .ics' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await look(page, 'itinerary-import');
  await page.goto(record);
  const removeMember = page.getByRole('link', { name: /^Xóa / }).first();
  if (await removeMember.count()) {
    await removeMember.click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await look(page, 'confirm-remove');
    await page.goto(record);
  }
  await page.getByRole('link', { name: 'Xóa dự thảo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Xóa dự thảo này?' })).toBeVisible();
  await look(page, 'confirm-delete');
  await page.goto('/delegations/999999');
  await expect(page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' })).toBeVisible();
  await look(page, 'not-found');
});

test('the schedule: a day and the print view', async ({ page }) => {
  await signIn(page, 'congan');
  await page.getByRole('link', { name: 'Lịch theo dõi' }).click();
  await look(page, 'schedule-this-week');
  await page.locator('.schedule__day-title a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await look(page, 'schedule-day');
  await page.getByRole('link', { name: 'Lịch theo dõi' }).click();
  await page.locator('.schedule__print-link a').click();
  await look(page, 'schedule-print');
});

test('a calendar subscription, its address shown once', async ({ page }) => {
  await signIn(page, 'congan');
  await page.getByRole('link', { name: 'Đăng ký lịch' }).click();
  await page.locator('form[method="post"][action="/subscriptions"] input[type="checkbox"]').first().check();
  const name = page.locator('form[method="post"][action="/subscriptions"] input[type="text"]').first();
  if (await name.count()) await name.fill('Lịch của đội tuần tra');
  await page.locator('form[method="post"][action="/subscriptions"] button[type="submit"]').click();
  const address = page.locator('input[readonly]').first();
  await expect(address).toHaveValue(/\/calendar\/.+\.ics$/);
  await look(page, 'subscription-created');
  // Listed again, the address is not shown.
  await page.getByRole('link', { name: 'Đăng ký lịch' }).click();
  await expect(page.locator('input[readonly]')).toHaveCount(0);
});
