"""sales funnel and tasks: assignment queues and rules, the holiday flag, task
reminders and auto-assignment, when a deal came to its stage; three indexes no query
needs (clients' inn and owner are covered by (inn, id) and (owner, id); import changes
are read by batch, never by record), which every import paid for

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _tracked() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=63), nullable=True),
        sa.Column("updated_by", sa.String(length=63), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "queues",
        sa.Column("name", sa.String(length=100), nullable=False),
        *_tracked(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queues")),
        sa.UniqueConstraint("name", name=op.f("uq_queues_name")),
    )
    op.create_table(
        "queue_members",
        sa.Column("queue_id", sa.Uuid(), nullable=False),
        sa.Column("login", sa.String(length=63), nullable=False),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["queue_id"], ["queues.id"], name=op.f("fk_queue_members_queue_id_queues")
        ),
        sa.ForeignKeyConstraint(
            ["login"], ["users.login"], name=op.f("fk_queue_members_login_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_queue_members")),
        sa.UniqueConstraint("queue_id", "login", name="uq_queue_members_member"),
    )
    with op.batch_alter_table("queue_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_queue_members_queue_id"), ["queue_id"], unique=False)
    op.create_table(
        "assignment_rules",
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column(
            "method",
            sa.Enum(
                "round_robin",
                "workload",
                "queue",
                name="assign_method",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("queue_id", sa.Uuid(), nullable=True),
        sa.Column("last_login", sa.String(length=63), nullable=True),
        *_tracked(),
        sa.ForeignKeyConstraint(
            ["queue_id"], ["queues.id"], name=op.f("fk_assignment_rules_queue_id_queues")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_rules")),
        sa.UniqueConstraint("scope", name=op.f("uq_assignment_rules_scope")),
    )
    # Plain ADD COLUMN (no table copy): SQLite cannot drop a table others refer to while
    # foreign keys are on, and these columns need no copy.
    op.add_column(
        "users", sa.Column("absent", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    if op.get_bind().dialect.name == "sqlite":  # ALTER TABLE ... ADD CONSTRAINT: none there
        op.execute(
            "ALTER TABLE tasks ADD COLUMN queue_id CHAR(32) "
            "CONSTRAINT fk_tasks_queue_id_queues REFERENCES queues (id)"
        )
    else:
        op.add_column("tasks", sa.Column("queue_id", sa.Uuid(), nullable=True))
        op.create_foreign_key(
            op.f("fk_tasks_queue_id_queues"), "tasks", "queues", ["queue_id"], ["id"]
        )
    op.add_column("tasks", sa.Column("assigned_by_rule", sa.String(length=20), nullable=True))
    op.add_column("tasks", sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_tasks_remind", "tasks", ["status", "remind_at"], unique=False)
    op.drop_index("ix_clients_inn", table_name="clients")
    op.drop_index("ix_clients_owner", table_name="clients")
    op.drop_index("ix_import_changes_record_id", table_name="import_changes")
    op.add_column("deals", sa.Column("stage_entered_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index(
        "ix_deals_pipeline_stage", "deals", ["pipeline_id", "stage_id", "owner"], unique=False
    )


def downgrade() -> None:
    op.create_index("ix_import_changes_record_id", "import_changes", ["record_id"])
    op.create_index("ix_clients_owner", "clients", ["owner"])
    op.create_index("ix_clients_inn", "clients", ["inn"])
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_index("ix_deals_pipeline_stage")
        batch_op.drop_column("stage_entered_at")
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_remind")
        batch_op.drop_constraint(batch_op.f("fk_tasks_queue_id_queues"), type_="foreignkey")
        batch_op.drop_column("reminded_at")
        batch_op.drop_column("assigned_by_rule")
        batch_op.drop_column("queue_id")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("absent")
    op.drop_table("assignment_rules")
    with op.batch_alter_table("queue_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_queue_members_queue_id"))
    op.drop_table("queue_members")
    op.drop_table("queues")
