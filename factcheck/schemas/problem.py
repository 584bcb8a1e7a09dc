import marshmallow as ma


class ProblemSchema(ma.Schema):
    """RFC 9457 problem details: the body of every error response (documentation only).

    Problems may carry extension members (`existing_id`, `current_etag`, ...), as the RFC allows.
    """

    class Meta:
        unknown = ma.INCLUDE

    type = ma.fields.String(required=True, metadata={"description": "URI identifying the problem"})
    title = ma.fields.String(required=True)
    status = ma.fields.Integer(required=True)
    detail = ma.fields.String(required=True)
    errors = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.List(ma.fields.String()),
        metadata={"description": "Messages by field (dotted path for nested fields)"},
    )
