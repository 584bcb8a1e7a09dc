"""The ceiling: a bare Flask app served by gunicorn exactly like factcheck.

`GET /claim` answers a fixed JSON document shaped and sized like `GET /api/v1/claims/{id}`
(a claim with two sources and its current verdict): no database, no schema, no auth. What the
real endpoints reach, as a fraction of this, is what the framework leaves on this machine.

    gunicorn -c gunicorn.conf.py --pythonpath bench bare_app:app
"""

from flask import Flask, jsonify

app = Flask(__name__)
app.json.sort_keys = False

_SOURCE = {
    "id": 123457,
    "claim_id": 98765,
    "url": "https://example.org/statistics/2026/labour-market-overview-march",
    "title": "Labour market overview: March 2026, official statistics release",
    "publisher": "Office for Example Statistics",
    "published_at": "2026-03-14T09:30:00+00:00",
    "stance": "refutes",
    "excerpt": "Employment rose by 42,000 in the quarter, well below the figure quoted.",
    "accessed_at": "2026-03-15T10:02:11+00:00",
    "created_at": "2026-03-15T10:02:11+00:00",
    "updated_at": "2026-03-15T10:02:11+00:00",
}
CLAIM = {
    "id": 98765,
    "text": "Unemployment fell by 300,000 people in the last three months, the biggest fall "
    "since records began, the minister said at the weekly press briefing.",
    "quote": "We have seen unemployment fall by three hundred thousand in three months.",
    "claimant": "Jane Example",
    "claim_date": "2026-03-14",
    "article_id": 4321,
    "span_start": 1200,
    "span_end": 1350,
    "appearance_url": "https://news.example.com/politics/2026/03/14/minister-jobs-figures",
    "language": "en",
    "check_worthiness": 0.8731,
    "status": "in_review",
    "priority": 0,
    "tags": ["economy", "employment"],
    "submitted_by_id": 3,
    "assignee_id": 4,
    "current_verdict": {
        "id": 55555,
        "claim_id": 98765,
        "rating": "mostly_false",
        "rating_value": 2,
        "textual_rating": "Mostly false",
        "summary": "The official series shows a fall of 42,000, not 300,000.",
        "author_id": 4,
        "approved_by_id": None,
        "approved_at": None,
        "published_at": None,
        "created_at": "2026-03-15T11:00:00+00:00",
        "updated_at": "2026-03-15T11:00:00+00:00",
    },
    "sources": [_SOURCE, {**_SOURCE, "id": 123458, "stance": "context"}],
    "allowed_actions": ["assign", "propose", "reject"],
    "published_at": None,
    "corrected_at": None,
    "deleted_at": None,
    "created_at": "2026-03-14T12:00:00+00:00",
    "updated_at": "2026-03-15T11:00:00+00:00",
}


@app.get("/claim")
def claim():
    return jsonify(CLAIM), 200, {"ETag": '"3"'}
