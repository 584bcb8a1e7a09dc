"""The docs page, /api/v1/docs: Swagger UI from the installed swagger-ui-bundle, so it works
offline. Nothing on it reaches another site: the assets and the icon are served from here, and
Swagger UI's online validator (which would send the document to swagger.io) is off."""

from flask import Blueprint, render_template_string, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path

blp = Blueprint("docs", __name__)

ICON = "favicon-32x32.png"
# "none" turns the validator off: Swagger UI would otherwise fetch a badge from swagger.io.
SWAGGER_UI_CONFIG = {"dom_id": "#swagger-ui", "validatorUrl": "none"}

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{{ title }}</title>
  <link rel="stylesheet" href="{{ asset('swagger-ui.css') }}">
  <link rel="icon" type="image/png" sizes="32x32" href="{{ asset('favicon-32x32.png') }}">
  <link rel="icon" type="image/png" sizes="16x16" href="{{ asset('favicon-16x16.png') }}">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{{ asset('swagger-ui-bundle.js') }}"></script>
  <script src="{{ asset('swagger-ui-standalone-preset.js') }}"></script>
  <script>
    window.onload = function () {
      window.ui = SwaggerUIBundle({{ config | tojson }});
    };
  </script>
</body>
</html>
"""


def _asset_url(filename: str) -> str:
    return url_for("docs.asset", filename=filename)


@blp.route("/api/v1/docs")
def page():
    config = {"url": url_for("api-docs.openapi_json"), **SWAGGER_UI_CONFIG}
    return render_template_string(PAGE, title="factcheck API", asset=_asset_url, config=config)


@blp.route("/api/v1/docs/assets/<path:filename>")
def asset(filename):
    return send_from_directory(swagger_ui_path, filename, max_age=86400)


@blp.route("/favicon.ico")
def favicon():
    """Browsers ask every site for one; a PNG under this name is what they all accept."""
    return send_from_directory(swagger_ui_path, ICON, mimetype="image/png", max_age=86400)
