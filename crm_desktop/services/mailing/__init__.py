"""Personalised mailing to a segment: templates (Jinja2 in a sandbox), runs that send
letter by letter and resume after a crash without sending anything twice."""
