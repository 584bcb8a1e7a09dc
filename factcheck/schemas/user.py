import marshmallow as ma
from marshmallow import validate

from factcheck.models import ROLES
from factcheck.schemas.common import InputSchema, PatchSchema, page_schema
from factcheck.schemas.fields import Text, one_of

NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{1,63}$"


class UserIn(InputSchema):
    name = ma.fields.String(
        required=True,
        validate=validate.Regexp(NAME_PATTERN, error="Use 2-64 lower-case letters, digits, . _ -"),
        metadata={"pattern": NAME_PATTERN},
    )
    display_name = Text(200, allow_none=True)
    role = ma.fields.String(required=True, validate=one_of(ROLES))


class UserPatch(PatchSchema):
    display_name = Text(200, allow_none=True)
    role = ma.fields.String(validate=one_of(ROLES))
    active = ma.fields.Boolean(metadata={"description": "false revokes access for good measure"})


class UserOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    display_name = ma.fields.String(required=True, allow_none=True)
    role = ma.fields.String(required=True, validate=one_of(ROLES))
    active = ma.fields.Boolean(required=True)
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)


class TokenIn(InputSchema):
    label = Text(100, allow_none=True, metadata={"description": "What the token is for"})


class TokenOut(ma.Schema):
    id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True)
    prefix = ma.fields.String(
        required=True, metadata={"description": "First characters, to tell tokens apart"}
    )
    label = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    last_used_at = ma.fields.DateTime(required=True, allow_none=True)
    revoked_at = ma.fields.DateTime(required=True, allow_none=True)


class IssuedTokenOut(TokenOut):
    token = ma.fields.String(
        required=True,
        attribute="secret",
        metadata={"description": "The secret; shown only in this response"},
    )


class TokenList(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(TokenOut), required=True)


class MeOut(UserOut):
    pass


UserPage = page_schema(UserOut, "UserPage")
