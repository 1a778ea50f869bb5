"""What the web page stores: each prediction it made, for its visitor's "recent" list.

``visitor`` is a random id kept in the visitor's session, so each person sees only their
own reviews: a review someone typed is theirs, not the next visitor's to read.
"""

import logging
from datetime import UTC, datetime

from sqlalchemy import String, Text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Mapped, mapped_column

from final_app.extensions import db


class StoredPrediction(db.Model):
    __tablename__ = "predictions"

    id: Mapped[int] = mapped_column(primary_key=True)
    visitor: Mapped[str] = mapped_column(String(32), index=True)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(8))
    probability: Mapped[float]
    model_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=lambda: datetime.now(UTC))


def create_tables() -> bool:
    """Create missing tables (in the current app context); False if the database is down."""
    try:
        db.create_all()
        return True
    except SQLAlchemyError as error:
        logging.getLogger(__name__).warning("cannot create the tables: %s", error)
        return False
