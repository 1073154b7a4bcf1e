# Type stubs for the part of XlsxWriter that ACEC Tracker uses (XlsxWriter ships none).
from xlsxwriter.workbook import Workbook as Workbook
