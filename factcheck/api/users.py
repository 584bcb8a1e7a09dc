"""/me, /users and /tokens: who is calling, and (for admins) managing people and tokens."""

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
    url_of,
    with_etag,
)
from factcheck.auth import current_user
from factcheck.rest import Blueprint
from factcheck.schemas.common import PageQuery
from factcheck.schemas.user import (
    IssuedTokenOut,
    MeOut,
    TokenIn,
    TokenList,
    TokenOut,
    UserIn,
    UserOut,
    UserPage,
    UserPatch,
)
from factcheck.services import accounts

blp = Blueprint("users", __name__, url_prefix="/api/v1", description="Users and API tokens")


@blp.route("/me")
@blp.doc(operationId="getCurrentUser")
@guarded(blp, "submitter")
@blp.response(200, MeOut)
def me():
    """The user the token belongs to"""
    return current_user()


@blp.route("/users")
class Users(MethodView):
    @blp.doc(operationId="listUsers")
    @guarded(blp, "admin")
    @blp.arguments(PageQuery, location="query")
    @blp.response(200, UserPage, headers={"Link": LINK_HEADER})
    def get(self, query):
        """List users"""
        return page(accounts.list_users(limit=query["limit"], cursor=query.get("cursor")))

    @blp.doc(operationId="createUser")
    @guarded(blp, "admin")
    @blp.arguments(UserIn)
    @blp.response(201, UserOut, headers={"Location": LOCATION_HEADER, "ETag": ETAG_HEADER})
    @errors(blp, 409)
    def post(self, data):
        """Add a user (then issue them a token)"""
        user = accounts.create_user(data["name"], data["role"], data.get("display_name"))
        return created(user, "users.UserById", user_id=user.id)


@blp.route("/users/<id:user_id>")
class UserById(MethodView):
    @blp.doc(operationId="getUser")
    @guarded(blp, "admin")
    @blp.response(200, UserOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 304, 404)
    def get(self, user_id):
        """Get a user"""
        return read(accounts.get_user(user_id))

    @blp.doc(operationId="updateUser")
    @guarded(blp, "admin")
    @if_match(blp)
    @blp.arguments(UserPatch)
    @blp.response(200, UserOut, headers={"ETag": ETAG_HEADER})
    @errors(blp, 404, 412)
    def patch(self, changes, user_id, expected_version):
        """Change a user's role or name, or deactivate them"""
        return with_etag(accounts.update_user(user_id, changes, expected_version=expected_version))


@blp.route("/users/<id:user_id>/tokens")
class UserTokens(MethodView):
    @blp.doc(operationId="listUserTokens")
    @guarded(blp, "admin")
    @blp.response(200, TokenList)
    @errors(blp, 404)
    def get(self, user_id):
        """A user's tokens (never their secrets)"""
        return {"items": accounts.list_tokens(user_id)}

    @blp.doc(operationId="issueToken")
    @guarded(blp, "admin")
    @blp.arguments(TokenIn)
    @blp.response(201, IssuedTokenOut, headers={"Location": LOCATION_HEADER})
    @errors(blp, 404, 422)
    def post(self, data, user_id):
        """Issue a token; its secret is in this response only"""
        issued = accounts.issue_token(accounts.get_user(user_id), data.get("label"))
        # The secret is shown once: no cache may keep it, whatever the global defaults become.
        headers = {"Location": url_of("users.TokenById", token_id=issued.id)}
        return issued, 201, {**headers, "Cache-Control": "no-store"}


@blp.route("/tokens/<id:token_id>")
class TokenById(MethodView):
    @blp.doc(operationId="getToken")
    @guarded(blp, "admin")
    @blp.response(200, TokenOut)
    @errors(blp, 404)
    def get(self, token_id):
        """Get a token's details"""
        return accounts.get_token(token_id)

    @blp.doc(operationId="revokeToken")
    @guarded(blp, "admin")
    @blp.response(200, TokenOut)
    @errors(blp, 404)
    def delete(self, token_id):
        """Revoke a token; it stops working at once"""
        return accounts.revoke_token(accounts.get_token(token_id))
