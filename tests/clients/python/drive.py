"""One delegation's way through visitdesk, driven by the Python client that
openapi-python-client generated from openapi/openapi.json, and by nothing else
(no hand-written request): `tests/clients/run` generates the client into
target/clients/python/visitdesk_client and runs `drive.py BASE_URL`.

Steps: log in as the host unit, Sở Ngoại vụ and the Provincial Office; the host
unit registers a delegation, adds a member and an itinerary item and imports
two more from an .ics file; a PATCH with the ETag it read succeeds and one with
the stale ETag gets 412; submit → appraise → approve; the delegations' list is
paged through `next_cursor`; a calendar subscription's feed answers 200, then
304 to its own ETag and Last-Modified. Any answer other than the one expected
stops the script with the step, the status and the problem's detail.
"""

import datetime as dt
import io
import sys
import time
from typing import Any, TypeVar, cast

import httpx
from visitdesk_client import AuthenticatedClient, Client
from visitdesk_client.api.auth import get_me, login
from visitdesk_client.api.calendar import create_subscription, subscription_feed
from visitdesk_client.api.delegations import (
    add_item,
    add_member,
    create_delegation,
    get_delegation,
    import_itinerary,
    list_delegations,
    list_items,
    transition_delegation,
    update_delegation,
)
from visitdesk_client.models import (
    CreateDelegation,
    CreateSubscription,
    DelegationAction,
    DelegationStatus,
    Direction,
    FeedKind,
    ItemInput,
    ItemKind,
    LoginRequest,
    MemberInput,
    MemberRole,
    PlaceInput,
    Problem,
    Recommendation,
    TransitionRequest,
    UpdateDelegation,
)
from visitdesk_client.types import UNSET, File, Response

T = TypeVar("T")
PASSWORD = "visitdesk-demo"
ZONE = "Asia/Ho_Chi_Minh"
# httpx waits 5 s by default; CI runs this beside schemathesis on 2 cores.
TIMEOUT = httpx.Timeout(60.0)


def expect(step: str, response: Response[Any], status: int) -> Any:
    """The parsed answer of `response`, which must have `status`."""
    if response.status_code != status:
        detail = (
            response.parsed.detail
            if isinstance(response.parsed, Problem)
            else response.content[:300]
        )
        sys.exit(
            f"python client: {step}: expected {status}, got {int(response.status_code)}: {detail!r}"
        )
    return response.parsed


def check(step: str, response: Response[T | Problem], status: int) -> T:
    """The parsed success of `response`, which must have `status`."""
    parsed = expect(step, response, status)
    if parsed is None or isinstance(parsed, Problem):
        sys.exit(f"python client: {step}: {status} parsed as {parsed!r}")
    return cast(T, parsed)


def header(step: str, response: Response[Any], name: str) -> str:
    value = response.headers.get(name)
    if not value:
        sys.exit(f"python client: {step}: no {name} header")
    return value


def log_in(base_url: str, username: str) -> AuthenticatedClient:
    anonymous = Client(
        base_url=base_url, timeout=TIMEOUT, raise_on_unexpected_status=True
    )
    answer = check(
        f"login {username}",
        login.sync_detailed(
            client=anonymous, body=LoginRequest(username=username, password=PASSWORD)
        ),
        200,
    )
    return AuthenticatedClient(
        base_url=base_url,
        token=answer.access_token,
        timeout=TIMEOUT,
        raise_on_unexpected_status=True,
    )


def ics(start: dt.date, run: str) -> bytes:
    """A partner's programme as calendar apps export it: two events, one of
    them in the partner's own zone."""
    day = start.strftime("%Y%m%d")
    next_day = (start + dt.timedelta(days=1)).strftime("%Y%m%d")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//visitdesk//client check//EN",
        "BEGIN:VEVENT",
        f"UID:py-{run}-1@partner.example",
        f"DTSTAMP:{day}T000000Z",
        f"DTSTART;TZID={ZONE}:{day}T140000",
        f"DTEND;TZID={ZONE}:{day}T160000",
        f"SUMMARY:Làm việc với Sở Công Thương ({run})",
        "LOCATION:Sở Công Thương",
        "CATEGORIES:working_session",
        "END:VEVENT",
        "BEGIN:VEVENT",
        f"UID:py-{run}-2@partner.example",
        f"DTSTAMP:{day}T000000Z",
        f"DTSTART;TZID=Asia/Tokyo:{next_day}T100000",
        f"DTEND;TZID=Asia/Tokyo:{next_day}T120000",
        f"SUMMARY:Thăm khu công nghiệp ({run})",
        "LOCATION:KCN Lương Sơn",
        "CATEGORIES:site_visit",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: drive.py BASE_URL")
    base_url = sys.argv[1].rstrip("/")
    run = f"py{time.time_ns() % 10**9}"

    host = log_in(base_url, "donvi")
    foreign_affairs = log_in(base_url, "ngoaivu")
    office = log_in(base_url, "vanphong")
    me = check("me", get_me.sync_detailed(client=host), 200)
    assert me.unit_id is not None, "donvi has no unit"

    # The host unit registers a draft (six weeks ahead, three days).
    start = dt.date.today() + dt.timedelta(days=42)
    end = start + dt.timedelta(days=2)
    created = create_delegation.sync_detailed(
        client=host,
        body=CreateDelegation(
            direction=Direction.INCOMING,
            title=f"Đoàn doanh nghiệp tỉnh Shizuoka ({run})",
            purpose="Xúc tiến đầu tư",
            partner_organization="Shizuoka Prefecture",
            countries=["JP"],
            host_unit_id=me.unit_id,
            head_of_delegation="Suzuki Taro",
            start_date=start,
            end_date=end,
        ),
    )
    delegation = check("create delegation", created, 201)
    assert delegation.status == DelegationStatus.DRAFT, delegation.status
    header("create delegation", created, "Location")
    print(f"python client: created {delegation.reference} (id {delegation.id})")

    check(
        "add member",
        add_member.sync_detailed(
            delegation.id,
            client=host,
            body=MemberInput(
                full_name="Suzuki Taro", nationality="JP", role=MemberRole.HEAD
            ),
        ),
        201,
    )
    check(
        "add itinerary item",
        add_item.sync_detailed(
            delegation.id,
            client=host,
            body=ItemInput(
                starts_at=f"{start}T09:00",
                ends_at=f"{start}T11:00",
                time_zone=ZONE,
                kind=ItemKind.MEETING,
                title=f"Hội kiến lãnh đạo UBND tỉnh ({run})",
                place=PlaceInput(name="Trụ sở UBND tỉnh", district="TP. Hòa Bình"),
            ),
        ),
        201,
    )
    imported = check(
        "import .ics",
        import_itinerary.sync_detailed(
            delegation.id,
            client=host,
            body=File(payload=io.BytesIO(ics(start, run)), file_name="programme.ics"),
        ),
        200,
    )
    assert imported.imported == 2, f"imported {imported.imported} of 2 events"
    items = check(
        "list items", list_items.sync_detailed(delegation.id, client=host), 200
    )
    assert len(items.items) == 3, f"{len(items.items)} items, expected 3"

    # Optimistic concurrency: the ETag read from one answer is the If-Match
    # of the next change; once used, it is stale.
    read = get_delegation.sync_detailed(delegation.id, client=host)
    check("get delegation", read, 200)
    etag = header("get delegation", read, "ETag")
    changed = update_delegation.sync_detailed(
        delegation.id,
        client=host,
        body=UpdateDelegation(purpose="Xúc tiến đầu tư và thương mại"),
        if_match=etag,
    )
    check("PATCH with the current ETag", changed, 200)
    assert header("PATCH", changed, "ETag") != etag, "the ETag did not change"
    stale = update_delegation.sync_detailed(
        delegation.id,
        client=host,
        body=UpdateDelegation(purpose="Lost update"),
        if_match=etag,
    )
    problem = expect("PATCH with a stale ETag", stale, 412)
    assert isinstance(problem, Problem) and problem.status == 412, problem
    after = check(
        "get delegation", get_delegation.sync_detailed(delegation.id, client=host), 200
    )
    assert after.purpose == "Xúc tiến đầu tư và thương mại", after.purpose

    # The workflow to approved: the host unit submits, Sở Ngoại vụ appraises,
    # the Provincial Office approves with its decision.
    steps = [
        (host, TransitionRequest(action=DelegationAction.SUBMIT)),
        (
            foreign_affairs,
            TransitionRequest(
                action=DelegationAction.APPRAISE,
                recommendation=Recommendation.APPROVE,
                note="Đủ hồ sơ",
            ),
        ),
        (
            office,
            TransitionRequest(
                action=DelegationAction.APPROVE,
                decision_number=f"{run}/QĐ-UBND",
                decision_date=dt.date.today(),
            ),
        ),
    ]
    for client, request in steps:
        moved = check(
            str(request.action.value),
            transition_delegation.sync_detailed(
                delegation.id, client=client, body=request
            ),
            200,
        )
        print(f"python client: {request.action.value} → {moved.status.value}")
    assert moved.status == DelegationStatus.APPROVED, moved.status

    # Paging: every delegation Sở Ngoại vụ sees, three at a time.
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        page = check(
            f"delegations page {pages + 1}",
            list_delegations.sync_detailed(
                client=foreign_affairs,
                limit=3,
                cursor=cursor if cursor is not None else UNSET,
            ),
            200,
        )
        pages += 1
        seen.extend(d.id for d in page.items)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
        assert pages < 1000, "next_cursor never ends"
    assert len(seen) == len(set(seen)), "a delegation came on two pages"
    assert delegation.id in seen, "the new delegation is on no page"
    assert pages > 1, f"{len(seen)} delegations on one page of 3"
    print(f"python client: {len(seen)} delegations on {pages} pages")

    # A calendar subscription to this delegation's itinerary, and its feed.
    subscription = check(
        "create subscription",
        create_subscription.sync_detailed(
            client=host,
            body=CreateSubscription(
                name=f"Lịch đoàn {delegation.reference}",
                kinds=[FeedKind.ITINERARY_ITEM],
                delegation_id=delegation.id,
            ),
        ),
        201,
    )
    token = subscription.url.rsplit("/", 1)[1].removesuffix(".ics")
    # The feed's address holds its secret: it is fetched without a login.
    anonymous = Client(
        base_url=base_url, timeout=TIMEOUT, raise_on_unexpected_status=True
    )
    feed = subscription_feed.sync_detailed(token, client=anonymous)
    body = check("feed", feed, 200)
    assert isinstance(body, str) and body.startswith("BEGIN:VCALENDAR"), body
    assert body.count("BEGIN:VEVENT") == 3, (
        f"{body.count('BEGIN:VEVENT')} events in the feed"
    )
    # RFC 5545 folds long lines: unfold before searching.
    assert run in body.replace("\r\n ", ""), "the feed lacks the delegation's items"
    feed_etag = header("feed", feed, "ETag")
    last_modified = header("feed", feed, "Last-Modified")
    expect(
        "feed with If-None-Match",
        subscription_feed.sync_detailed(
            token, client=anonymous, if_none_match=feed_etag
        ),
        304,
    )
    expect(
        "feed with If-Modified-Since",
        subscription_feed.sync_detailed(
            token, client=anonymous, if_modified_since=last_modified
        ),
        304,
    )
    print(
        f"python client: feed of 3 events, then 304 to ETag {feed_etag} and to {last_modified}"
    )
    print("python client: all steps passed")


if __name__ == "__main__":
    main()
