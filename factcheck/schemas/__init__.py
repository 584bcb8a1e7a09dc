"""marshmallow schemas: XxxIn / XxxPatch / XxxOut / XxxQuery per resource."""
