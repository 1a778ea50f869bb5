"""The course's one JSON error shape (DESIGN.md, "HTTP conventions"), asserted in one place."""


def assert_json_error(response, status: int, code: str | None = None) -> dict:
    """Check ``response`` is the JSON error shape with ``status``; return its ``error`` object."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) <= {"code", "message", "fields"}
    assert isinstance(error["message"], str)
    assert error["message"]
    if code is not None:
        assert error["code"] == code
    assert "Traceback" not in response.get_data(as_text=True)
    return error
