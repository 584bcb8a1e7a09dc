"""/webhooks: subscriptions to the service's events, their delivery logs and redelivery."""

from flask.views import MethodView

from factcheck.api.http import (
    ETAG_HEADER,
    LINK_HEADER,
    LOCATION_HEADER,
    created,
    errors,
    guarded,
    if_match,
    page,
    read,
    with_etag,
)
from factcheck.auth import current_user
from factcheck.rest import Blueprint
from factcheck.schemas.common import PageQuery
from factcheck.schemas.webhook import (
    DeliveryOut,
    DeliveryPage,
    DeliveryQuery,
    WebhookCreatedOut,
    WebhookIn,
    WebhookOut,
    WebhookPage,
    WebhookPatch,
)
from factcheck.services import webhooks

blp = Blueprint(
    "webhooks", __name__, url_prefix="/api/v1/webhooks", description="Webhook subscriptions"
)


@blp.route("")
class Webhooks(MethodView):
    @blp.doc(operationId="listWebhooks")
    @guarded(blp, "editor")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, WebhookPage, headers={"Link": LINK_HEADER})
    def get(self, query):
        """List webhook subscriptions, newest first"""
        return page(webhooks.list_subscriptions(limit=query["limit"], cursor=query.get("cursor")))

    @guarded(blp, "editor")
    @blp.arguments(WebhookIn)
    @blp.response(
        201, WebhookCreatedOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER}
    )
    @blp.doc(operationId="createWebhook")
    def post(self, data):
        """Subscribe a URL to events; the signing secret is in this answer only"""
        subscription = webhooks.create(data, current_user())
        obj, status, headers = created(
            subscription, "webhooks.WebhookById", subscription_id=subscription.id
        )
        return obj, status, {**headers, "Cache-Control": "no-store"}


@blp.route("/<id:subscription_id>")
class WebhookById(MethodView):
    @blp.doc(operationId="getWebhook")
    @guarded(blp, "editor")
    @blp.response(200, WebhookOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 304, 404)
    def get(self, subscription_id):
        """Get a webhook subscription (never its secret)"""
        return read(webhooks.get(subscription_id))

    @blp.doc(operationId="updateWebhook")
    @guarded(blp, "editor")
    @if_match(blp)
    @blp.arguments(WebhookPatch)
    @blp.response(200, WebhookOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 404)
    def patch(self, changes, subscription_id, expected_version):
        """Change a subscription's URL or event types, pause it or resume it"""
        return with_etag(
            webhooks.update(subscription_id, changes, expected_version=expected_version)
        )

    @blp.doc(operationId="deleteWebhook")
    @guarded(blp, "editor")
    @if_match(blp)
    @blp.response(204)
    @errors(blp, 404)
    def delete(self, subscription_id, expected_version):
        """Delete a subscription and its delivery log"""
        webhooks.delete(subscription_id, expected_version=expected_version)


@blp.route("/<id:subscription_id>/deliveries")
@blp.doc(operationId="listWebhookDeliveries")
@guarded(blp, "editor")
@blp.arguments(DeliveryQuery, location="query")
@blp.response(200, DeliveryPage, headers={"Link": LINK_HEADER})
@errors(blp, 404)
def list_deliveries(query, subscription_id):
    """A subscription's delivery log, newest first: each event, its attempts and outcome"""
    limit, cursor = query.pop("limit"), query.pop("cursor", None)
    return page(
        webhooks.deliveries(subscription_id, limit=limit, cursor=cursor, status=query.get("status"))
    )


@blp.route("/<id:subscription_id>/deliveries/<id:delivery_id>/attempts", methods=["POST"])
@blp.doc(operationId="redeliverWebhookEvent")
@guarded(blp, "editor")
@blp.response(202, DeliveryOut)
@errors(blp, 404)
def redeliver(subscription_id, delivery_id):
    """Send one event again (same webhook-id), on a fresh retry schedule"""
    return webhooks.redeliver(subscription_id, delivery_id)
