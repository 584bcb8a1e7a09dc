"""What counts as a URL we store: absolute http(s) with a host, nothing else."""

import re

# The same rule is the `pattern` of every URL field in the OpenAPI document.
HTTP_URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\x00-\x1f\x7f/?#@]+([/?#][^\s\x00-\x1f\x7f]*)?$"
MAX_URL_LENGTH = 2048
_HTTP_URL = re.compile(HTTP_URL_PATTERN)


def is_http_url(value: str) -> bool:
    return len(value) <= MAX_URL_LENGTH and _HTTP_URL.match(value) is not None
