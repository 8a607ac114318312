//! The console's part 2 as its people click and type it: Sở Ngoại vụ
//! registers two foreign reporters and an accreditation for them with its
//! permitted places and submits it; approving is refused, with the reason
//! on the page, until the police clear their review; an activity at a
//! permitted place is taken and one elsewhere refused; the Provincial Office
//! arranges a leader's interview, the covering accreditation offered as a
//! choice, and approves it; it plans a press conference with the reporter
//! as an attendee and announces it; /press shows it without signing in, in
//! Vietnamese and English, and its public feed carries it; the administrator
//! adds a user who then signs in, merges that user's unit into another, and
//! the unit's delegation is found under the other with the move in its
//! history; the police find the accreditation's entries in the audit trail.
//! Runs in both projects (with JavaScript and without); every name carries
//! a run-unique suffix, so the walk runs again on the same server. The
//! pages it passes are checked by axe-core and photographed at 1280 and
//! 360 px (where none may scroll sideways).
// @ts-check
const {
  test,
  expect,
  signIn,
  signOut,
  checkA11y,
  screenshots,
  isoDay,
  viDay,
  enDay,
  escaped,
  nav,
  notice,
  chooseOption,
} = require('./lib');

/** Checks the page (axe) and photographs it. */
async function look(page, name) {
  await checkA11y(page);
  await screenshots(page, name);
}

test('press work from accreditation to the public page, administration and the audit trail', async ({
  page,
}, info) => {
  test.setTimeout(240_000);
  const run = `${info.project.name}-${Date.now().toString(36)}`;
  const reporters = [
    { name: `Kim Min-jun ${run}`, outlet: 'KBS', country: 'KR', position: 'Phóng viên', card: `KR-${run}` },
    { name: `Park Ji-woo ${run}`, outlet: 'KBS', country: 'KR', position: 'Quay phim', card: `KP-${run}` },
  ];
  const places = ['Bản Lác, Mai Châu', 'Bảo tàng tỉnh'];
  const elsewhere = 'Khu quân sự Đồi Ông Tượng';
  const start = isoDay(0);
  const end = isoDay(10);
  const activityDay = isoDay(2);
  const interviewDay = isoDay(3);
  const conferenceDay = isoDay(4);
  const conference = `Họp báo thường kỳ quý IV ${run}`;
  const venue = `Hội trường A, Trụ sở UBND tỉnh (${run})`;
  let reference = '';

  await test.step('Sở Ngoại vụ registers two foreign reporters', async () => {
    await signIn(page, 'ngoaivu');
    await nav(page, 'Báo chí');
    await page.getByRole('link', { name: 'Phóng viên', exact: true }).click();
    for (const r of reporters) {
      await page.getByRole('link', { name: 'Đăng ký phóng viên' }).click();
      await page.getByLabel('Họ và tên', { exact: true }).fill(r.name);
      await page.getByLabel('Quốc tịch', { exact: true }).fill(r.country);
      const passport = `M${String(Date.now() % 100_000_000).padStart(8, '0')}`;
      await page.getByLabel('Số hộ chiếu (không bắt buộc)', { exact: true }).fill(passport);
      await page.getByLabel('Cơ quan báo chí', { exact: true }).fill(r.outlet);
      await page.getByLabel('Quốc gia của cơ quan báo chí', { exact: true }).fill(r.country);
      await page.getByLabel('Chức danh', { exact: true }).fill(r.position);
      await page.getByLabel('Số thẻ phóng viên do Bộ Ngoại giao cấp (không bắt buộc)', { exact: true }).fill(r.card);
      if (r === reporters[1]) await look(page, 'w2-reporter-form');
      await page.getByRole('button', { name: 'Đăng ký phóng viên' }).click();
      await expect(notice(page)).toContainText('Đã đăng ký phóng viên.');
      await expect(page.getByRole('heading', { level: 1, name: r.name })).toBeVisible();
      await page.getByRole('link', { name: 'Danh sách phóng viên' }).click();
    }
    await page.getByLabel('Tìm theo tên, cơ quan báo chí, số thẻ', { exact: true }).fill(run);
    await page.getByRole('button', { name: 'Tìm kiếm', exact: true }).click();
    for (const r of reporters) await expect(page.getByRole('link', { name: r.name })).toBeVisible();
    await look(page, 'w2-reporters-found');
  });

  await test.step('and an accreditation for them with its permitted places, and submits it', async () => {
    await nav(page, 'Báo chí');
    await page.getByRole('link', { name: 'Hồ sơ tác nghiệp', exact: true }).click();
    await page.getByRole('link', { name: 'Đăng ký hồ sơ tác nghiệp' }).click();
    const who = page.getByRole('group', { name: 'Phóng viên' });
    for (const r of reporters) await who.getByLabel(r.name).check();
    await page.getByLabel('Nội dung tác nghiệp', { exact: true }).fill('Phóng sự về du lịch cộng đồng ở Mai Châu');
    await page.getByLabel('Địa điểm được phép tác nghiệp (không bắt buộc)', { exact: true }).fill(places.join('\n'));
    await page.getByLabel('Ngày bắt đầu', { exact: true }).fill(start);
    await page.getByLabel('Ngày kết thúc', { exact: true }).fill(end);
    await page.getByLabel('Số văn bản giới thiệu', { exact: true }).fill(`1234/BNG-TTBC-${run}`);
    await page.getByLabel('Ngày văn bản giới thiệu', { exact: true }).fill(isoDay(-5));
    await page.getByLabel('Cán bộ đi cùng (không bắt buộc)', { exact: true }).fill('Nguyễn Thị Hoa');
    await look(page, 'w2-accreditation-form');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await expect(notice(page)).toContainText('Đã lưu dự thảo hồ sơ tác nghiệp.');
    reference = ((await page.getByRole('heading', { level: 1 }).innerText()) || '').trim();
    expect(reference).not.toBe('');
    for (const r of reporters) await expect(page.getByRole('link', { name: r.name })).toBeVisible();
    for (const p of places) await expect(page.locator('main')).toContainText(p);

    await page.getByRole('link', { name: 'Gửi hồ sơ', exact: true }).click();
    await page.getByRole('button', { name: 'Gửi hồ sơ', exact: true }).click();
    await expect(notice(page)).toContainText('Đã gửi hồ sơ.');
    await look(page, 'w2-accreditation-submitted');
  });

  await test.step('approving is refused while the police have not cleared it', async () => {
    await page.getByRole('link', { name: 'Phê duyệt', exact: true }).click();
    await page.getByRole('button', { name: 'Phê duyệt hồ sơ', exact: true }).click();
    await expect(page.locator('main')).toContainText(
      'Hồ sơ tác nghiệp chỉ được phê duyệt sau khi Công an tỉnh có ý kiến thông qua',
    );
    await look(page, 'w2-approve-refused');
    await page.getByRole('link', { name: 'Quay lại hồ sơ tác nghiệp' }).click();
    await expect(page.getByRole('heading', { level: 1, name: reference })).toBeVisible();
    await expect(page.locator('.record-caption')).toContainText('Đã gửi');
    await signOut(page);
  });

  await test.step('the police clear the review', async () => {
    await signIn(page, 'congan');
    await nav(page, 'Báo chí');
    await page.getByRole('link', { name: 'Hồ sơ tác nghiệp', exact: true }).click();
    await page.getByRole('link', { name: reference, exact: true }).click();
    await page.getByRole('link', { name: 'Ghi ý kiến an ninh' }).click();
    await page.getByLabel('Thông qua', { exact: true }).check();
    await page.getByLabel('Cán bộ thẩm tra (không bắt buộc)', { exact: true }).fill('Thiếu tá Đinh Văn Hùng');
    await page
      .getByLabel('Ghi chú nghiệp vụ (không bắt buộc)', { exact: true })
      .fill(`Đã xác minh hai phóng viên ${run}.`);
    await look(page, 'w2-review-form');
    await page.getByRole('button', { name: 'Lưu ý kiến an ninh' }).click();
    await expect(notice(page)).toContainText('Đã ghi ý kiến an ninh.');
    await expect(page.locator('main')).toContainText(`Đã xác minh hai phóng viên ${run}.`);
    await signOut(page);
  });

  await test.step('Sở Ngoại vụ approves it', async () => {
    await signIn(page, 'ngoaivu');
    await nav(page, 'Báo chí');
    await page.getByRole('link', { name: 'Hồ sơ tác nghiệp', exact: true }).click();
    await page.getByRole('link', { name: reference, exact: true }).click();
    await page.getByRole('link', { name: 'Phê duyệt', exact: true }).click();
    await page.getByLabel('Ghi chú (không bắt buộc)', { exact: true }).fill('Công an tỉnh đã thông qua.');
    await page.getByRole('button', { name: 'Phê duyệt hồ sơ', exact: true }).click();
    await expect(notice(page)).toContainText('Đã phê duyệt hồ sơ.');
    await expect(page.locator('.record-caption')).toContainText('Đã phê duyệt');
  });

  await test.step('Sở Ngoại vụ adds an activity at a permitted place and is refused at another', async () => {
    const activity = async (title, place) => {
      await page.getByRole('link', { name: 'Thêm hoạt động' }).click();
      const starts = page.getByRole('group', { name: 'Bắt đầu' });
      await starts.getByLabel('Ngày', { exact: true }).fill(activityDay);
      await starts.getByLabel('Giờ', { exact: true }).fill('08:30');
      const ends = page.getByRole('group', { name: 'Kết thúc' });
      await ends.getByLabel('Ngày', { exact: true }).fill(activityDay);
      await ends.getByLabel('Giờ', { exact: true }).fill('11:00');
      await page.getByLabel('Loại hoạt động', { exact: true }).selectOption({ label: 'Quay phim, chụp ảnh' });
      await page.getByLabel('Nội dung hoạt động', { exact: true }).fill(title);
      await page.getByLabel('Địa điểm', { exact: true }).fill(place);
      await page.getByLabel('Cán bộ đi cùng (không bắt buộc)', { exact: true }).fill('Nguyễn Thị Hoa');
      await page.getByRole('button', { name: 'Thêm hoạt động' }).click();
    };
    await activity(`Quay phim nhà sàn ${run}`, places[0]);
    await expect(notice(page)).toContainText('Đã thêm hoạt động tác nghiệp.');
    const day = page.locator('section.day', { hasText: viDay(activityDay) });
    await expect(day).toContainText(`Quay phim nhà sàn ${run}`);
    await expect(day).toContainText('08:30');
    await expect(day).toContainText(places[0]);
    await look(page, 'w2-accreditation-approved');

    await activity(`Quay phim doanh trại ${run}`, elsewhere);
    await expect(page.getByRole('heading', { level: 1, name: 'Thêm hoạt động tác nghiệp' })).toBeVisible();
    await expect(page.locator('.error-summary')).toBeVisible();
    await expect(page.locator('.field--error')).toContainText(
      `Phải là một trong các địa điểm được phép tác nghiệp: ${places.join('; ')}`,
    );
    // What was typed comes back with the form.
    await expect(page.getByLabel('Địa điểm', { exact: true })).toHaveValue(elsewhere);
    await look(page, 'w2-activity-refused');
    await page.getByRole('link', { name: 'Quay lại hồ sơ tác nghiệp' }).click();
    await expect(page.locator('main')).not.toContainText(`Quay phim doanh trại ${run}`);
    await signOut(page);
  });

  await test.step("the Provincial Office arranges a leader's interview, the accreditation offered", async () => {
    await signIn(page, 'vanphong');
    await nav(page, 'Báo chí');
    await page.getByRole('link', { name: 'Phỏng vấn', exact: true }).click();
    await page.getByRole('link', { name: 'Đề nghị trả lời phỏng vấn' }).click();
    await page.getByLabel('Ngày phỏng vấn', { exact: true }).fill(interviewDay);
    await page.getByRole('group', { name: 'Phóng viên' }).getByLabel(reporters[0].name).check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    // The covering accreditation is offered, not typed: one choice names it.
    const covering = page.getByRole('group', { name: 'Hồ sơ tác nghiệp bảo đảm' });
    const offered = covering.getByRole('radio', { name: new RegExp(`\\b${escaped(reference)}\\b`) });
    await expect(offered).toHaveCount(1);
    await offered.check();
    await page.getByLabel('Người trả lời phỏng vấn', { exact: true }).fill('Bùi Văn Khánh');
    await page.getByLabel('Chức vụ', { exact: true }).fill('Chủ tịch UBND tỉnh');
    await page.getByLabel('Cơ quan báo chí', { exact: true }).fill(reporters[0].outlet);
    await page.getByLabel('Giờ bắt đầu', { exact: true }).fill('14:00');
    await page.getByLabel('Giờ kết thúc', { exact: true }).fill('15:00');
    await page.getByLabel('Địa điểm', { exact: true }).fill('Phòng khách, Trụ sở UBND tỉnh');
    await page.getByLabel('Nội dung', { exact: true }).fill('Phát triển du lịch cộng đồng');
    await look(page, 'w2-interview-step-two');
    await page.getByRole('button', { name: 'Gửi đề nghị phỏng vấn' }).click();
    await expect(notice(page)).toContainText('Đã gửi đề nghị phỏng vấn.');
    await expect(page.getByRole('heading', { level: 1, name: 'Bùi Văn Khánh' })).toBeVisible();
    await expect(page.locator('main')).toContainText(reference);
    await expect(page.locator('main')).toContainText(reporters[0].name);
  });

  await test.step('and approves it', async () => {
    await page.getByRole('link', { name: 'Phê duyệt phỏng vấn' }).click();
    await look(page, 'w2-interview-approve');
    await page.getByRole('button', { name: 'Phê duyệt phỏng vấn' }).click();
    await expect(notice(page)).toContainText('Đã phê duyệt cuộc phỏng vấn.');
    await expect(page.locator('.record-caption')).toContainText('Đã phê duyệt');
  });

  await test.step('the Provincial Office plans a press conference with the reporter and announces it', async () => {
    await nav(page, 'Báo chí');
    await page.getByRole('link', { name: 'Họp báo', exact: true }).click();
    await page.getByRole('link', { name: 'Lên kế hoạch họp báo' }).click();
    await page.getByLabel('Tên cuộc họp báo', { exact: true }).fill(conference);
    await page.getByLabel('Định kỳ', { exact: true }).check();
    await page.getByLabel('Ngày họp báo', { exact: true }).fill(conferenceDay);
    await page.getByLabel('Giờ bắt đầu', { exact: true }).fill('15:00');
    await page.getByLabel('Giờ kết thúc', { exact: true }).fill('16:30');
    await page.getByLabel('Địa điểm', { exact: true }).fill(venue);
    await page.getByLabel('Nội dung', { exact: true }).fill('Kết quả phát triển kinh tế - xã hội quý IV');
    await page.getByLabel('Người phát ngôn', { exact: true }).fill('Bùi Văn Khánh\nNguyễn Văn Toàn');
    await page.getByRole('button', { name: 'Lưu kế hoạch họp báo' }).click();
    await expect(notice(page)).toContainText('Đã lưu kế hoạch họp báo.');
    await expect(page.getByRole('heading', { level: 1, name: conference })).toBeVisible();

    await page.getByLabel('Cơ quan báo chí', { exact: true }).fill(reporters[0].outlet);
    await page.getByLabel('Họ và tên', { exact: true }).fill(reporters[0].name);
    await chooseOption(page.getByLabel('Phóng viên đã đăng ký', { exact: true }), reporters[0].name);
    await page.getByRole('button', { name: 'Đăng ký người tham dự' }).click();
    await expect(notice(page)).toContainText('Đã đăng ký người tham dự.');
    const attendees = page.getByRole('table', { name: 'Người tham dự' });
    await expect(attendees.getByRole('row', { name: new RegExp(reporters[0].name) })).toBeVisible();

    await page.getByRole('link', { name: 'Thông báo họp báo' }).click();
    await page.getByRole('button', { name: 'Thông báo họp báo' }).click();
    await expect(notice(page)).toContainText('Đã thông báo cuộc họp báo.');
    await expect(page.locator('.record-caption')).toContainText('Đã thông báo');
    await look(page, 'w2-conference-announced');
    await signOut(page);
  });

  await test.step('/press shows it without signing in, in Vietnamese and in English', async () => {
    // The public page's address is the one the province publishes.
    await page.goto('/press');
    await expect(page.getByRole('button', { name: 'Đăng xuất' })).toHaveCount(0);
    const item = page.locator('article', { has: page.getByRole('heading', { name: conference }) });
    await expect(item).toContainText(venue);
    await expect(item).toContainText(viDay(conferenceDay));
    await expect(item).toContainText('15:00');
    await look(page, 'w2-public-press');

    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const itemEn = page.locator('article', { has: page.getByRole('heading', { name: conference }) });
    await expect(itemEn).toContainText(venue);
    await expect(itemEn).toContainText(enDay(conferenceDay));
    await look(page, 'w2-public-press-en');

    // The feed whose address the page gives carries the conference.
    const feed = await page.getByLabel('Calendar address (iCal)').inputValue();
    expect(feed).toMatch(/\.ics$/);
    const answer = await page.request.get(new URL(feed).pathname);
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toContain('text/calendar');
    // Long lines are folded (RFC 5545 §3.1): unfold before looking.
    const ics = (await answer.text()).replace(/\r?\n[ \t]/g, '');
    expect(ics).toContain(conference);
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  });

  const unitFrom = `Ban Quản lý khu du lịch ${run}`;
  const unitInto = `Sở Văn hóa, Thể thao và Du lịch ${run}`;
  const username = `canbo.${run}`.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
  const userPassword = 'mat-khau-moi-2026';
  const delegation = `Đoàn khảo sát du lịch Jeju ${run}`;

  await test.step('the administrator adds two units and a user, who then signs in', async () => {
    await signIn(page, 'admin');
    for (const [name, en] of [
      [unitFrom, `Tourism Zone Authority ${run}`],
      [unitInto, `Department of Culture, Sports and Tourism ${run}`],
    ]) {
      await nav(page, 'Quản trị');
      await page.getByRole('link', { name: 'Đơn vị', exact: true }).first().click();
      await page.getByRole('link', { name: 'Thêm đơn vị' }).click();
      await page.getByLabel('Tên tiếng Việt', { exact: true }).fill(name);
      await page.getByLabel('Tên tiếng Anh', { exact: true }).fill(en);
      await page.getByLabel('Loại đơn vị', { exact: true }).selectOption({ label: 'Sở, ban, ngành' });
      await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
      await expect(notice(page)).toContainText('Đã thêm đơn vị.');
    }
    await nav(page, 'Quản trị');
    await page.getByRole('link', { name: 'Người dùng', exact: true }).first().click();
    await page.getByRole('link', { name: 'Thêm người dùng' }).click();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await page.getByLabel('Họ và tên', { exact: true }).fill(`Hà Thị Lan ${run}`);
    await page.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Đơn vị chủ trì' });
    await page.getByLabel('Đơn vị', { exact: true }).selectOption({ label: unitFrom });
    await page.getByLabel('Mật khẩu ban đầu', { exact: true }).fill(userPassword);
    await look(page, 'w2-user-new');
    await page.getByRole('button', { name: 'Thêm người dùng' }).click();
    await expect(notice(page)).toContainText('Đã thêm người dùng.');
    await signOut(page);

    await signIn(page, username, userPassword);
    await expect(page.locator('header')).toContainText(`Hà Thị Lan ${run}`);
  });

  await test.step("the new user registers a delegation for the unit", async () => {
    await nav(page, 'Đoàn ra, đoàn vào');
    await page.getByRole('link', { name: 'Đăng ký đoàn mới' }).click();
    await page.getByLabel('Đoàn vào', { exact: true }).check();
    await page.getByLabel('Tên đoàn', { exact: true }).fill(delegation);
    await page.getByLabel('Mục đích', { exact: true }).fill('Khảo sát mô hình du lịch cộng đồng');
    await page.getByLabel('Đối tác', { exact: true }).fill('Sở Du lịch Jeju');
    await page.getByLabel('Quốc gia', { exact: true }).fill('KR');
    await page.getByLabel('Đơn vị chủ trì', { exact: true }).selectOption({ label: unitFrom });
    await page.getByLabel('Trưởng đoàn', { exact: true }).fill('Oh Seung-hwan');
    await page.getByLabel('Ngày bắt đầu', { exact: true }).fill(isoDay(20));
    await page.getByLabel('Ngày kết thúc', { exact: true }).fill(isoDay(22));
    await page.getByRole('button', { name: 'Đăng ký đoàn' }).click();
    await expect(page.getByText('Đã đăng ký đoàn.')).toBeVisible();
    await signOut(page);
  });

  await test.step('the administrator merges that unit into the other', async () => {
    await signIn(page, 'admin');
    await nav(page, 'Quản trị');
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).first().click();
    await page.getByRole('link', { name: unitFrom, exact: true }).click();
    await page.getByRole('link', { name: 'Sáp nhập vào đơn vị khác' }).click();
    await page.getByLabel('Sáp nhập vào đơn vị', { exact: true }).selectOption({ label: unitInto });
    await look(page, 'w2-unit-merge');
    await page.getByRole('button', { name: 'Sáp nhập đơn vị' }).click();
    await expect(notice(page)).toContainText('Đã sáp nhập đơn vị');
    await expect(page.locator('main')).toContainText(`Đã sáp nhập vào ${unitInto}`);
  });

  await test.step("the unit's delegation shows under the unit it moved to, with the move in its history", async () => {
    await nav(page, 'Đoàn ra, đoàn vào');
    await chooseOption(page.getByLabel('Đơn vị chủ trì', { exact: true }), unitInto);
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(delegation) });
    await expect(row).toContainText(unitInto);
    await look(page, 'w2-delegations-of-unit');
    await row.getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: delegation })).toBeVisible();
    await expect(page.locator('main')).toContainText(unitInto);
    await page.getByRole('link', { name: 'Xem lịch sử hồ sơ' }).click();
    // The merge's entry: the host unit went from one to the other.
    const moved = page.locator('main dd', { hasText: unitInto });
    await expect(moved).toHaveCount(1);
    await expect(moved).toHaveText(`${unitFrom} → ${unitInto}`);
    // …said as a merge, not as someone's edit of the delegation.
    await expect(page.locator('main')).toContainText('Chuyển đơn vị chủ trì do sáp nhập đơn vị');
    await look(page, 'w2-delegation-history-moved');
    await signOut(page);
  });

  await test.step('the moved user signs in again, now of the other unit', async () => {
    await signIn(page, username, userPassword);
    await nav(page, 'Tài khoản');
    await expect(page.locator('main')).toContainText(unitInto);
    await signOut(page);
  });

  await test.step("the police find the accreditation's entries in the audit trail", async () => {
    await signIn(page, 'congan');
    await nav(page, 'Nhật ký');
    await page.getByLabel('Loại hồ sơ', { exact: true }).selectOption({ label: 'Hồ sơ tác nghiệp' });
    await page.getByLabel('Thao tác', { exact: true }).fill('create');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    // The entry that registered it names its reference; its record column
    // gives the number the trail is filtered by.
    const created = page.getByRole('row', { name: new RegExp(`\\b${escaped(reference)}\\b`) });
    await expect(created).toHaveCount(1);
    const record = (await created.getByRole('cell').nth(3).innerText()).trim();
    const number = record.match(/(\d+)$/)?.[1] ?? '';
    expect(number, `record cell: ${record}`).not.toBe('');
    await page.getByLabel('Thao tác', { exact: true }).fill('');
    await page.getByLabel('Số hồ sơ', { exact: true }).fill(number);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    // Each step of the walk, said in Vietnamese, and no other record's.
    const rows = page.locator('main table tbody tr');
    const entry = (what) => rows.filter({ has: page.getByRole('cell', { name: what, exact: true }) });
    await expect(entry('Tạo mới')).toContainText(reference);
    await expect(entry('Gửi hồ sơ')).toContainText('Đã gửi');
    await expect(entry('Ghi ý kiến an ninh')).toContainText('Thông qua');
    await expect(entry('Ghi ý kiến an ninh')).toContainText('Thiếu tá Đinh Văn Hùng');
    await expect(entry('Phê duyệt')).toContainText('Công an tỉnh đã thông qua.');
    await expect(entry('Thêm hoạt động tác nghiệp')).toContainText(places[0]);
    await expect(rows).toHaveCount(5);
    await expect(rows.filter({ hasNotText: `Hồ sơ tác nghiệp ${number}` })).toHaveCount(0);
    await look(page, 'w2-audit-accreditation');
    await signOut(page);
  });
});
