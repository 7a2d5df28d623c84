"""`sotay import`: an issued document (Word, PDF, text) read into a draft in the project's own format, with every
value the importer is unsure of marked for the editor. No MkDocs here."""
