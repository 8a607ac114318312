// One delegation's way through visitdesk, driven by the TypeScript client
// generated from openapi/openapi.json (openapi-typescript's types, used by
// openapi-fetch) and by nothing else: `tests/clients/run` generates
// target/clients/typescript/visitdesk.d.ts, type-checks this file against it
// with `tsc --strict` and runs `node drive.mjs BASE_URL`.
//
// Steps: log in as the host unit, Sở Ngoại vụ and the Provincial Office; the
// host unit registers a delegation, adds a member and an itinerary item and
// imports two more from an .ics file; a PATCH with the ETag it read succeeds
// and one with the stale ETag gets 412; submit → appraise → approve; the
// delegations' list is paged through `next_cursor`; a calendar subscription's
// feed answers 200, then 304 to its own ETag and Last-Modified. Headers are
// read with the types the document declares for them: an undeclared one does
// not compile.

import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "../../../target/clients/typescript/visitdesk.js";

type Schemas = components["schemas"];

const PASSWORD = "visitdesk-demo";
const ZONE = "Asia/Ho_Chi_Minh";

/** The type the document declares for header `H` of operation `O`'s answer
 * `S`. Where it declares none, a type no string has, named so that tsc's
 * error says which: reading an undeclared header does not compile. */
type DeclaredHeader<O, S extends number, H extends string> = O extends {
    responses: { [K in S]: { headers: infer Headers } };
}
    ? H extends keyof Headers
        ? unknown extends Headers[H]
            ? Undeclared<H, S>
            : Headers[H]
        : Undeclared<H, S>
    : Undeclared<H, S>;
type Undeclared<H extends string, S extends number> = { undeclared_response_header: [H, S] };

class Failed extends Error {}

function fail(message: string): never {
    throw new Failed(`typescript client: ${message}`);
}

/** Checks the status of an openapi-fetch answer and gives its data. */
function check<T>(
    step: string,
    answer: { data?: T; error?: unknown; response: Response },
    status: number,
): T {
    if (answer.response.status !== status) {
        const error = answer.error as { detail?: string } | string | undefined;
        const detail = typeof error === "object" && error !== null ? error.detail : error;
        fail(`${step}: expected ${status}, got ${answer.response.status}: ${JSON.stringify(detail)}`);
    }
    return answer.data as T;
}

function header(step: string, response: Response, name: string): string {
    return response.headers.get(name) ?? fail(`${step}: no ${name} header`);
}

function assert(condition: boolean, message: string): asserts condition {
    if (!condition) fail(message);
}

type Api = Client<paths>;

async function logIn(baseUrl: string, username: string): Promise<Api> {
    const anonymous = createClient<paths>({ baseUrl });
    const answer = check(
        `login ${username}`,
        await anonymous.POST("/api/v1/auth/login", { body: { username, password: PASSWORD } }),
        200,
    );
    return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${answer.access_token}` } });
}

function isoDate(day: Date): string {
    return day.toISOString().slice(0, 10);
}

function addDays(day: Date, days: number): Date {
    return new Date(day.getTime() + days * 86_400_000);
}

/** A partner's programme as calendar apps export it: two events, one of
 * them in the partner's own zone. */
function ics(start: Date, run: string): string {
    const day = isoDate(start).replaceAll("-", "");
    const nextDay = isoDate(addDays(start, 1)).replaceAll("-", "");
    const lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//visitdesk//client check//EN",
        "BEGIN:VEVENT",
        `UID:ts-${run}-1@partner.example`,
        `DTSTAMP:${day}T000000Z`,
        `DTSTART;TZID=${ZONE}:${day}T140000`,
        `DTEND;TZID=${ZONE}:${day}T160000`,
        `SUMMARY:Làm việc với Sở Công Thương (${run})`,
        "LOCATION:Sở Công Thương",
        "CATEGORIES:working_session",
        "END:VEVENT",
        "BEGIN:VEVENT",
        `UID:ts-${run}-2@partner.example`,
        `DTSTAMP:${day}T000000Z`,
        `DTSTART;TZID=Asia/Tokyo:${nextDay}T100000`,
        `DTEND;TZID=Asia/Tokyo:${nextDay}T120000`,
        `SUMMARY:Thăm khu công nghiệp (${run})`,
        "LOCATION:KCN Lương Sơn",
        "CATEGORIES:site_visit",
        "END:VEVENT",
        "END:VCALENDAR",
    ];
    return lines.join("\r\n") + "\r\n";
}

async function main(baseUrl: string): Promise<void> {
    const run = `ts${Date.now() % 1_000_000_000}`;
    const host = await logIn(baseUrl, "donvi");
    const foreignAffairs = await logIn(baseUrl, "ngoaivu");
    const office = await logIn(baseUrl, "vanphong");
    const me = check("me", await host.GET("/api/v1/me"), 200);
    const unitId = me.unit_id ?? fail("donvi has no unit");

    // The host unit registers a draft (six weeks ahead, three days).
    const start = addDays(new Date(), 42);
    const created = await host.POST("/api/v1/delegations", {
        body: {
            direction: "incoming",
            title: `Đoàn doanh nghiệp tỉnh Shizuoka (${run})`,
            purpose: "Xúc tiến đầu tư",
            partner_organization: "Shizuoka Prefecture",
            countries: ["JP"],
            host_unit_id: unitId,
            head_of_delegation: "Suzuki Taro",
            start_date: isoDate(start),
            end_date: isoDate(addDays(start, 2)),
        },
    });
    const delegation = check("create delegation", created, 201);
    assert(delegation.status === "draft", `status ${delegation.status}`);
    const location: DeclaredHeader<operations["create_delegation"], 201, "Location"> = header(
        "create delegation",
        created.response,
        "Location",
    );
    console.log(`typescript client: created ${delegation.reference} (id ${delegation.id}) at ${location}`);
    const path = { id: delegation.id };

    check(
        "add member",
        await host.POST("/api/v1/delegations/{id}/members", {
            params: { path },
            body: { full_name: "Suzuki Taro", nationality: "JP", role: "head" },
        }),
        201,
    );
    check(
        "add itinerary item",
        await host.POST("/api/v1/delegations/{id}/itinerary", {
            params: { path },
            body: {
                starts_at: `${isoDate(start)}T09:00`,
                ends_at: `${isoDate(start)}T11:00`,
                time_zone: ZONE,
                kind: "meeting",
                title: `Hội kiến lãnh đạo UBND tỉnh (${run})`,
                place: { name: "Trụ sở UBND tỉnh", district: "TP. Hòa Bình" },
            },
        }),
        201,
    );
    // openapi-fetch serialises every body as JSON unless given a serialiser:
    // the file goes as it is, as the media type the document declares (tsc
    // refuses one it does not).
    const mediaType: keyof operations["import_itinerary"]["requestBody"]["content"] = "application/octet-stream";
    const imported = check(
        "import .ics",
        await host.POST("/api/v1/delegations/{id}/itinerary/import", {
            params: { path },
            body: ics(start, run),
            bodySerializer: (file: string) => file,
            headers: { "Content-Type": mediaType },
        }),
        200,
    );
    assert(imported.imported === 2, `imported ${imported.imported} of 2 events`);
    const items = check("list items", await host.GET("/api/v1/delegations/{id}/itinerary", { params: { path } }), 200);
    assert(items.items.length === 3, `${items.items.length} items, expected 3`);

    // Optimistic concurrency: the ETag read from one answer is the If-Match
    // of the next change; once used, it is stale.
    const read = await host.GET("/api/v1/delegations/{id}", { params: { path } });
    check("get delegation", read, 200);
    const etag: DeclaredHeader<operations["get_delegation"], 200, "ETag"> = header("get delegation", read.response, "ETag");
    const changed = await host.PATCH("/api/v1/delegations/{id}", {
        params: { path, header: { "If-Match": etag } },
        body: { purpose: "Xúc tiến đầu tư và thương mại" },
    });
    check("PATCH with the current ETag", changed, 200);
    const newEtag: DeclaredHeader<operations["update_delegation"], 200, "ETag"> = header("PATCH", changed.response, "ETag");
    assert(newEtag !== etag, "the ETag did not change");
    const stale = await host.PATCH("/api/v1/delegations/{id}", {
        params: { path, header: { "If-Match": etag } },
        body: { purpose: "Lost update" },
    });
    check("PATCH with a stale ETag", stale, 412);
    const problem: Schemas["Problem"] | undefined = stale.error;
    assert(problem?.status === 412, `problem ${JSON.stringify(problem)}`);
    const after = check("get delegation", await host.GET("/api/v1/delegations/{id}", { params: { path } }), 200);
    assert(after.purpose === "Xúc tiến đầu tư và thương mại", `purpose ${after.purpose}`);

    // The workflow to approved: the host unit submits, Sở Ngoại vụ appraises,
    // the Provincial Office approves with its decision.
    type Transition = operations["transition_delegation"]["requestBody"]["content"]["application/json"];
    const steps: [Api, Transition][] = [
        [host, { action: "submit" }],
        [foreignAffairs, { action: "appraise", recommendation: "approve", note: "Đủ hồ sơ" }],
        [office, { action: "approve", decision_number: `${run}/QĐ-UBND`, decision_date: isoDate(new Date()) }],
    ];
    let status: Schemas["DelegationStatus"] = delegation.status;
    for (const [client, body] of steps) {
        const moved = check(
            body.action,
            await client.POST("/api/v1/delegations/{id}/transitions", { params: { path }, body }),
            200,
        );
        status = moved.status;
        console.log(`typescript client: ${body.action} → ${status}`);
    }
    assert(status === "approved", `status ${status}`);

    // Paging: every delegation Sở Ngoại vụ sees, three at a time.
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    for (;;) {
        const page = check(
            `delegations page ${pages + 1}`,
            await foreignAffairs.GET("/api/v1/delegations", { params: { query: { limit: 3, cursor } } }),
            200,
        );
        pages += 1;
        seen.push(...page.items.map((d) => d.id));
        if (page.next_cursor === null) break;
        cursor = page.next_cursor;
        assert(pages < 1000, "next_cursor never ends");
    }
    assert(new Set(seen).size === seen.length, "a delegation came on two pages");
    assert(seen.includes(delegation.id), "the new delegation is on no page");
    assert(pages > 1, `${seen.length} delegations on one page of 3`);
    console.log(`typescript client: ${seen.length} delegations on ${pages} pages`);

    // A calendar subscription to this delegation's itinerary, and its feed.
    const subscription = check(
        "create subscription",
        await host.POST("/api/v1/calendar/subscriptions", {
            body: { name: `Lịch đoàn ${delegation.reference}`, kinds: ["itinerary_item"], delegation_id: delegation.id },
        }),
        201,
    );
    const token = (subscription.url.split("/").pop() ?? "").replace(/\.ics$/, "");
    // The feed's address holds its secret: it is fetched without a login.
    const anonymous = createClient<paths>({ baseUrl });
    const feedPath = { token };
    const feed = await anonymous.GET("/calendar/{token}.ics", { params: { path: feedPath }, parseAs: "text" });
    const body: string = check("feed", feed, 200);
    assert(body.startsWith("BEGIN:VCALENDAR"), `feed ${body.slice(0, 40)}`);
    const events = body.split("BEGIN:VEVENT").length - 1;
    assert(events === 3, `${events} events in the feed`);
    // RFC 5545 folds long lines: unfold before searching.
    assert(body.replaceAll("\r\n ", "").includes(run), "the feed lacks the delegation's items");
    const feedEtag: DeclaredHeader<operations["subscription_feed"], 200, "ETag"> = header("feed", feed.response, "ETag");
    const lastModified: DeclaredHeader<operations["subscription_feed"], 200, "Last-Modified"> = header(
        "feed",
        feed.response,
        "Last-Modified",
    );
    check(
        "feed with If-None-Match",
        await anonymous.GET("/calendar/{token}.ics", {
            params: { path: feedPath, header: { "If-None-Match": feedEtag } },
            parseAs: "text",
        }),
        304,
    );
    check(
        "feed with If-Modified-Since",
        await anonymous.GET("/calendar/{token}.ics", {
            params: { path: feedPath, header: { "If-Modified-Since": lastModified } },
            parseAs: "text",
        }),
        304,
    );
    console.log(`typescript client: feed of 3 events, then 304 to ETag ${feedEtag} and to ${lastModified}`);
    console.log("typescript client: all steps passed");
}

const baseUrl = process.argv[2];
if (!baseUrl) {
    console.error("usage: node drive.mjs BASE_URL");
    process.exit(2);
}
main(baseUrl.replace(/\/$/, "")).catch((error: unknown) => {
    console.error(error instanceof Failed ? error.message : error);
    process.exit(1);
});
