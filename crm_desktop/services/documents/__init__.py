"""Printed documents: the invoice (PDF and Excel) and the commercial proposal (PDF).

Each document is first read into a plain dataclass (`invoice_data`, `proposal_data`),
then drawn from it (`invoice_pdf`, `invoice_xlsx`, `proposal_pdf`): the drawing knows
nothing of the database. Documents are always in Russian, whatever the UI language."""
