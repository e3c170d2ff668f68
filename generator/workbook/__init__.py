"""The organization's workbook (Excel / LibreOffice): written from and read back into the contract."""
