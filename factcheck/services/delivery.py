"""Sending one event to one subscription, the Standard Webhooks way, at least once.

Each attempt takes the delivery's lease in a transaction of its own (so no two workers send
it at once), POSTs the event's stored body signed with the subscription's secret
(`webhook-id`, `webhook-timestamp`, `webhook-signature`), then records the outcome under that
lease. A receiver answering 2xx ends it; anything else is tried again on SCHEDULE (about a
day in all, each pause varied by up to a fifth so that receivers coming back are not hit by
every sender at once). When the schedule runs out the delivery fails and its subscription is
disabled, with the reason.

Per subscription, the events of one claim (or article) arrive in the order their changes
committed: a delivery is sent only when no earlier one of the same key is still pending, and
each success sends the next.
"""

import random
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask import current_app
from standardwebhooks.webhooks import Webhook

from factcheck import outbound, queue
from factcheck.extensions import db
from factcheck.models import OutboxEvent, WebhookDelivery, WebhookSubscription
from factcheck.services import locks
from factcheck.unit_of_work import transaction

# Pause after the n-th failed attempt (n = 1, 2, ...): 5 s, 20 s, 80 s, 5 min, 21 min,
# 85 min, 5.7 h, then 8 h; 10 attempts span about 24 h.
FIRST_PAUSE_SECONDS = 5
MAX_PAUSE_SECONDS = 8 * 3600
MAX_ATTEMPTS = 10
JITTER = 0.2
TIMEOUT_SECONDS = 10
USER_AGENT = "factcheck-webhooks/1"


def pause_after(attempt: int, *, jitter: float = JITTER) -> float:
    base = min(FIRST_PAUSE_SECONDS * 4 ** (attempt - 1), MAX_PAUSE_SECONDS)
    return base * random.uniform(1 - jitter, 1 + jitter)


def _now() -> datetime:
    return datetime.now(UTC)


def sign(secret: str, uid: str, body: str, at: datetime) -> dict:
    """The Standard Webhooks headers for `body`."""
    return {
        "webhook-id": uid,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(uid, at, body),
    }


def _take(delivery_id: int):
    """Take the delivery's lease if it is due, unleased, its subscription active and nothing
    earlier of the same key pending; (attempt number, url, secret, uid, body) or None."""
    now = _now()
    earlier = so.aliased(WebhookDelivery)
    lease = timedelta(seconds=current_app.config["FACTCHECK_DELIVERY_LEASE_SECONDS"])
    with transaction():
        taken = db.session.execute(
            sa.update(WebhookDelivery)
            .where(
                WebhookDelivery.id == delivery_id,
                WebhookDelivery.status == "pending",
                WebhookDelivery.next_attempt_at <= now,
                sa.or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until < now),
                sa.exists().where(
                    WebhookSubscription.id == WebhookDelivery.subscription_id,
                    WebhookSubscription.active.is_(True),
                ),
                ~sa.exists().where(
                    earlier.subscription_id == WebhookDelivery.subscription_id,
                    earlier.ordering_key == WebhookDelivery.ordering_key,
                    earlier.status == "pending",
                    earlier.event_id < WebhookDelivery.event_id,
                ),
            )
            .values(
                locked_until=now + lease,
                attempts=WebhookDelivery.attempts + 1,
                last_attempt_at=now,
            )
            .execution_options(synchronize_session=False)
        ).rowcount
        if not taken:
            return None
        return db.session.execute(
            sa.select(
                WebhookDelivery.attempts,
                WebhookSubscription.url,
                WebhookSubscription.secret,
                OutboxEvent.uid,
                OutboxEvent.body,
            )
            .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
            .join(OutboxEvent, OutboxEvent.id == WebhookDelivery.event_id)
            .where(WebhookDelivery.id == delivery_id)
        ).one()


def attempt(delivery_id: int) -> None:
    """One attempt at a delivery (a queue message's work); does nothing if it is not due."""
    taken = _take(delivery_id)
    if taken is None:
        return
    headers = {
        **sign(taken.secret, taken.uid, taken.body, _now()),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }
    answer = outbound.post(
        taken.url,
        taken.body.encode(),
        headers,
        timeout=TIMEOUT_SECONDS,
        allow_private=bool(current_app.config.get("FACTCHECK_WEBHOOKS_ALLOW_PRIVATE")),
    )
    _record(delivery_id, taken.attempts, answer)


def _record(delivery_id: int, attempt_no: int, answer: outbound.Answer) -> None:
    with transaction():
        locks.for_update(WebhookDelivery, delivery_id)
        delivery = db.session.get(WebhookDelivery, delivery_id, populate_existing=True)
        if delivery is None or delivery.attempts != attempt_no or delivery.status != "pending":
            return  # the lease ran out and another attempt has begun: it records its own
        now = _now()
        entry = {"at": now.isoformat(), "duration_ms": answer.duration_ms}
        entry.update({"status": answer.status} if answer.status else {"error": answer.error})
        delivery.attempt_log = [*delivery.attempt_log, entry]
        delivery.response_status, delivery.locked_until = answer.status, None
        if answer.status is not None and 200 <= answer.status < 300:
            delivery.status, delivery.delivered_at, delivery.last_error = "succeeded", now, None
            _send_next(delivery)
            return
        delivery.last_error = answer.error or f"The receiver answered {answer.status}."
        if attempt_no >= MAX_ATTEMPTS:
            delivery.status = "failed"
            _disable(delivery, now)
            return
        pause = pause_after(attempt_no)
        delivery.next_attempt_at = now + timedelta(seconds=pause)
        queue.later(db.session, "deliver_webhook", delivery.id, delay_seconds=pause)


def _send_next(delivery: WebhookDelivery) -> None:
    following = db.session.scalar(
        sa.select(WebhookDelivery.id)
        .where(
            WebhookDelivery.subscription_id == delivery.subscription_id,
            WebhookDelivery.ordering_key == delivery.ordering_key,
            WebhookDelivery.status == "pending",
            WebhookDelivery.event_id > delivery.event_id,
        )
        .order_by(WebhookDelivery.event_id)
        .limit(1)
    )
    if following is not None:
        queue.later(db.session, "deliver_webhook", following)


def _disable(delivery: WebhookDelivery, now: datetime) -> None:
    subscription = db.session.get(WebhookSubscription, delivery.subscription_id)
    started = delivery.attempt_log[0]["at"] if delivery.attempt_log else now.isoformat()
    subscription.active, subscription.disabled_at = False, now
    subscription.disabled_reason = (
        f"Delivery {delivery.id} failed {delivery.attempts} times from {started} to "
        f"{now.isoformat()}; the last: {delivery.last_error}"
    )[:2000]


def overdue(session, *, grace_seconds: float, limit: int = 500) -> list[int]:
    """Deliveries due for longer than `grace_seconds` that no live lease holds (their message
    was lost or their worker died), the first pending one of each key."""
    now = _now()
    stmt = (
        sa.select(sa.func.min(WebhookDelivery.id))
        .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
        .where(WebhookDelivery.status == "pending", WebhookSubscription.active.is_(True))
        .group_by(WebhookDelivery.subscription_id, WebhookDelivery.ordering_key)
        .limit(limit)
    )
    first = list(session.scalars(stmt))
    if not first:
        return []
    due = sa.select(WebhookDelivery.id).where(
        WebhookDelivery.id.in_(first),
        WebhookDelivery.next_attempt_at <= now - timedelta(seconds=grace_seconds),
        sa.or_(WebhookDelivery.locked_until.is_(None), WebhookDelivery.locked_until < now),
    )
    return list(session.scalars(due))
