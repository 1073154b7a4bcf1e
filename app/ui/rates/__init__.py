"""The exchange-rates page: the secretariat's yearly rates, year by currency."""
