"""The review report over HTTP (through the ASGI app) and its GraphQL discovery query."""

from __future__ import annotations

import httpx

from engine import auth, clock
from engine.authz import Principal
from engine.settings import Settings
from tests.conftest import CampaignFactory, CustomerFactory
from tests.report_seed import END, seed
from tests.schema.conftest import Gql


def _auth(settings: Settings, user: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {auth.issue_token(settings, user)}"}


async def test_routes_by_role(org: dict[str, Principal], make_campaign: CampaignFactory,
                              make_customer: CustomerFactory, http: httpx.AsyncClient,
                              test_settings: Settings) -> None:
    # given
    s = await seed(org, make_campaign, make_customer)
    code = s.campaign.code
    with clock.frozen(END):
        # when: the owner (marketing) and the department's manager
        html = await http.get(f"/reports/campaigns/{code}/review.html",
                              headers=_auth(test_settings, "mkt.chen"))
        pdf = await http.get(f"/reports/campaigns/{s.campaign.id}/review.pdf",
                             params={"from": "2026-07-01", "to": "2026-07-08"},
                             headers=_auth(test_settings, "mgr.east"))
        anonymous = await http.get(f"/reports/campaigns/{code}/review.pdf")
        token_in_url = await http.get(f"/reports/campaigns/{code}/review.pdf",
                                      params={"token": auth.issue_token(test_settings,
                                                                        "mkt.chen")})
        bad_token = await http.get(f"/reports/campaigns/{code}/review.html",
                                   headers={"Authorization": "Bearer nonsense"})
        other_rep = await http.get(f"/reports/campaigns/{code}/review.pdf",
                                   headers=_auth(test_settings, "rep.zhao"))
        other_manager = await http.get(f"/reports/campaigns/{code}/review.html",
                                       headers=_auth(test_settings, "mgr.west"))
        unknown = await http.get("/reports/campaigns/HD29990101001/review.pdf",
                                 headers=_auth(test_settings, "dir.sun"))
        bad_date = await http.get(f"/reports/campaigns/{code}/review.pdf",
                                  params={"from": "July"},
                                  headers=_auth(test_settings, "dir.sun"))
        backwards = await http.get(f"/reports/campaigns/{code}/review.pdf",
                                   params={"from": "2026-07-09", "to": "2026-07-01"},
                                   headers=_auth(test_settings, "dir.sun"))
    # then
    assert html.status_code == 200
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert "script-src" not in html.headers["content-security-policy"]
    assert html.headers["cache-control"] == "private, no-store"
    assert "《推广活动复盘报告》" in html.text and code in html.text
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    assert pdf.headers["content-disposition"] == f'inline; filename="review-{code}.pdf"'
    for response in (anonymous, token_in_url, bad_token):
        assert response.status_code == 401
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert response.headers["www-authenticate"].startswith("Bearer")
    for response in (other_rep, other_manager):
        assert response.status_code == 403
        assert response.json()["errors"][0]["extensions"] == {
            "code": "FORBIDDEN", "objectType": "campaign", "action": "read_budget"}
    assert unknown.status_code == 404
    assert unknown.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert bad_date.status_code == 400
    assert bad_date.json()["errors"][0]["extensions"]["field"] == "from"
    assert backwards.status_code == 400
    assert backwards.json()["errors"][0]["extensions"]["field"] == "to"


QUERY = """
query($code: String, $from: Date, $to: Date) {
  campaignReviewReport(code: $code, from: $from, to: $to) {
    campaignCode from to htmlUrl pdfUrl
  }
}
"""


async def test_discovery_query(org: dict[str, Principal], make_campaign: CampaignFactory,
                               gql: Gql, http: httpx.AsyncClient,
                               test_settings: Settings) -> None:
    campaign = await make_campaign()
    body = await gql(QUERY, "fin.qian", code=campaign.code.lower(), **{"from": "2026-07-01"})
    report = body["data"]["campaignReviewReport"]
    assert report == {
        "campaignCode": campaign.code, "from": "2026-07-01", "to": None,
        "htmlUrl": f"/reports/campaigns/{campaign.code}/review.html?from=2026-07-01",
        "pdfUrl": f"/reports/campaigns/{campaign.code}/review.pdf?from=2026-07-01"}
    fetched = await http.get(report["htmlUrl"], headers=_auth(test_settings, "fin.qian"))
    assert fetched.status_code == 200 and campaign.code in fetched.text
    denied = await gql(QUERY, "rep.li", code=campaign.code)
    assert denied["data"] is None
    assert denied["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    missing = await gql(QUERY, "fin.qian", code="HD29990101001")
    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    anonymous = await gql(QUERY, None, code=campaign.code)
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
