"""SQLAlchemy 2.x typed tables. Importing this package registers every table."""

from crm_desktop.models.assignment import AssignmentRule, AssignMethod, Queue, QueueMember
from crm_desktop.models.audit import AuditContext, AuditEntry, AuditSeal
from crm_desktop.models.base import Base, new_id, utcnow
from crm_desktop.models.company_profile import CompanyProfile
from crm_desktop.models.custom_field import CustomField, CustomFieldValue, FieldType
from crm_desktop.models.deal import (
    Deal,
    DealChecklistMark,
    DealLine,
    Pipeline,
    Stage,
    StageChecklistItem,
    StageOutcome,
)
from crm_desktop.models.importing import ImportBatch, ImportChange
from crm_desktop.models.interaction import Direction, Interaction, InteractionKind
from crm_desktop.models.invoice import (
    Invoice,
    InvoiceCounter,
    InvoiceLine,
    InvoiceStatus,
    Payment,
    VatMode,
)
from crm_desktop.models.marketing import (
    MARKETING_MAIL,
    Consent,
    MailRecipient,
    MailRun,
    MailTemplate,
    Segment,
)
from crm_desktop.models.order import Order, OrderAttachment, OrderEvent, OrderLine, OrderStatus
from crm_desktop.models.party import (
    Address,
    AddressKind,
    Client,
    ClientKind,
    Email,
    Messenger,
    MessengerKind,
    Phone,
)
from crm_desktop.models.privacy import CardRead, ErasureRecord, PrivacyRequest
from crm_desktop.models.product import Product
from crm_desktop.models.tag import ClientTag, Tag
from crm_desktop.models.task import Priority, Task, TaskKind, TaskStatus
from crm_desktop.models.user import LoginAttempt, Role, User

__all__ = [
    "MARKETING_MAIL",
    "Address",
    "AddressKind",
    "AssignMethod",
    "AssignmentRule",
    "AuditContext",
    "AuditEntry",
    "AuditSeal",
    "Base",
    "CardRead",
    "Client",
    "ClientId",
    "ClientKind",
    "ClientTag",
    "CompanyProfile",
    "Consent",
    "CustomField",
    "CustomFieldValue",
    "Deal",
    "DealChecklistMark",
    "DealLine",
    "Direction",
    "Email",
    "ErasureRecord",
    "FieldType",
    "ImportBatch",
    "ImportChange",
    "Interaction",
    "InteractionKind",
    "Invoice",
    "InvoiceCounter",
    "InvoiceId",
    "InvoiceLine",
    "InvoiceStatus",
    "Login",
    "LoginAttempt",
    "MailRecipient",
    "MailRun",
    "MailTemplate",
    "Messenger",
    "MessengerKind",
    "Order",
    "OrderAttachment",
    "OrderEvent",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "Phone",
    "Pipeline",
    "Priority",
    "PrivacyRequest",
    "Product",
    "Queue",
    "QueueMember",
    "Role",
    "Segment",
    "Stage",
    "StageChecklistItem",
    "StageOutcome",
    "Tag",
    "Task",
    "TaskKind",
    "TaskStatus",
    "User",
    "VatMode",
    "new_id",
    "utcnow",
]
