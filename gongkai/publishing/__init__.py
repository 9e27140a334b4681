"""Publishing helpers shared by the register apps (normative, gazette, powers, guides, decisions, proposals):
a book of documents typeset as PDF and .docx with a table of contents, and the public list pagination."""
