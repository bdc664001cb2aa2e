"""client list sort indexes: one per column the list sorts by (company, phone, e-mail,
INN, last contact), each ending with the id for keyset paging, and the same led by the
owner for one manager's list

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (name, columns), as declared on the model (crm_desktop/models/party.py, Client).
INDEXES = [
    ("ix_clients_company_order", ["company_name", "name_folded", "id"]),
    ("ix_clients_phone_order", ["primary_phone", "id"]),
    ("ix_clients_email_order", ["primary_email", "id"]),
    ("ix_clients_inn_order", ["inn", "id"]),
    ("ix_clients_last_contact_order", ["last_contact_at", "id"]),
    ("ix_clients_owner_company", ["owner", "company_name", "name_folded", "id"]),
    ("ix_clients_owner_phone", ["owner", "primary_phone", "id"]),
    ("ix_clients_owner_email", ["owner", "primary_email", "id"]),
    ("ix_clients_owner_inn", ["owner", "inn", "id"]),
    ("ix_clients_owner_last_contact", ["owner", "last_contact_at", "id"]),
    ("ix_clients_owner_created", ["owner", "id"]),
]


def upgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        for name, columns in INDEXES:
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("clients", schema=None) as batch_op:
        for name, _columns in reversed(INDEXES):
            batch_op.drop_index(name)
