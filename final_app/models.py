"""What the web page stores: each prediction it made, for the "recent predictions" list."""

from datetime import UTC, datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from final_app.extensions import db


class StoredPrediction(db.Model):
    __tablename__ = "predictions"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(8))
    probability: Mapped[float]
    model_version: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=lambda: datetime.now(UTC))
