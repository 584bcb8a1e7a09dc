"""Webhook subscriptions and their delivery logs (editors and admins)."""

import base64
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from flask import current_app

from factcheck import outbound, queue
from factcheck.errors import InvalidInput, NotFound
from factcheck.extensions import db
from factcheck.models import User, WebhookDelivery, WebhookSubscription
from factcheck.services.common import require_version
from factcheck.services.pagination import Page, Sort, paginate

NEWEST_FIRST = Sort.by("id", WebhookSubscription.id, descending=True)
NEWEST_DELIVERY_FIRST = Sort.by("id", WebhookDelivery.id, descending=True)


def _check_url(url: str) -> None:
    try:
        outbound.resolve(url, allow_private=allow_private())
    except outbound.Refused as refused:
        raise InvalidInput(str(refused), errors={"url": [str(refused)]}) from None


def allow_private() -> bool:
    return bool(current_app.config.get("FACTCHECK_WEBHOOKS_ALLOW_PRIVATE"))


def new_secret() -> str:
    """A Standard Webhooks signing secret: "whsec_" and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def create(data: dict, actor: User) -> WebhookSubscription:
    _check_url(data["url"])
    subscription = WebhookSubscription(
        url=data["url"],
        description=data.get("description"),
        event_types=sorted(set(data["event_types"])),
        secret=new_secret(),
        created_by_id=actor.id,
    )
    db.session.add(subscription)
    db.session.flush()
    return subscription


def get(subscription_id: int) -> WebhookSubscription:
    subscription = db.session.get(WebhookSubscription, subscription_id)
    if subscription is None:
        raise NotFound(f"Webhook {subscription_id} does not exist.")
    return subscription


def list_subscriptions(*, limit: int, cursor: str | None) -> Page:
    stmt = sa.select(WebhookSubscription)
    return paginate(
        db.session, stmt, sort=NEWEST_FIRST, id_column=WebhookSubscription.id,
        limit=limit, cursor=cursor,
    )  # fmt: skip


def update(subscription_id: int, changes: dict, *, expected_version: int | None = None):
    subscription = get(subscription_id)
    require_version(subscription, expected_version)
    if "url" in changes:
        _check_url(changes["url"])
    if "event_types" in changes:
        changes = {**changes, "event_types": sorted(set(changes["event_types"]))}
    resumed = changes.get("active") is True and not subscription.active
    for field, value in changes.items():
        setattr(subscription, field, value)
    if resumed:  # what waited while it was disabled goes out now
        subscription.disabled_reason = subscription.disabled_at = None
        _send_pending(subscription.id)
    db.session.flush()
    return subscription


def delete(subscription_id: int, *, expected_version: int | None = None) -> None:
    subscription = get(subscription_id)
    require_version(subscription, expected_version)
    db.session.execute(
        sa.delete(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription.id)
    )
    db.session.delete(subscription)
    db.session.flush()


def deliveries(subscription_id: int, *, limit: int, cursor: str | None, status=None) -> Page:
    get(subscription_id)
    stmt = sa.select(WebhookDelivery).where(WebhookDelivery.subscription_id == subscription_id)
    if status:
        stmt = stmt.where(WebhookDelivery.status == status)
    return paginate(
        db.session, stmt, sort=NEWEST_DELIVERY_FIRST, id_column=WebhookDelivery.id,
        limit=limit, cursor=cursor,
    )  # fmt: skip


def redeliver(subscription_id: int, delivery_id: int) -> WebhookDelivery:
    """Send one event again, with its original webhook-id, on a fresh retry schedule."""
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.subscription_id != subscription_id:
        raise NotFound(f"Delivery {delivery_id} of webhook {subscription_id} does not exist.")
    delivery.status, delivery.attempts = "pending", 0
    delivery.next_attempt_at, delivery.locked_until = datetime.now(UTC), None
    db.session.flush()
    queue.later(db.session, "deliver_webhook", delivery.id)
    return delivery


def _send_pending(subscription_id: int) -> None:
    """Queue the first pending delivery of each ordering key (the rest follow in order)."""
    first = (
        sa.select(sa.func.min(WebhookDelivery.id))
        .where(
            WebhookDelivery.subscription_id == subscription_id,
            WebhookDelivery.status == "pending",
        )
        .group_by(WebhookDelivery.ordering_key)
    )
    for delivery_id in db.session.scalars(first):
        queue.later(db.session, "deliver_webhook", delivery_id)
