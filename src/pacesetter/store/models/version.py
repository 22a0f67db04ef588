"""The data version: one counter every committed write moves (store/versioning.py).

Screens built from the data are cached per process under the version they were built at, so a
cached screen is never served once anything it may have read has changed.
"""

from sqlalchemy import BigInteger, CheckConstraint, Integer
from sqlalchemy.orm import Mapped, mapped_column

from pacesetter.store.models.base import Base


class DataVersion(Base):
    """The one row (id 1) holding the version of the data."""

    __tablename__ = "data_version"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
