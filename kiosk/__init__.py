"""A touchscreen patient-education kiosk for massage and physiotherapy clinics."""

__version__ = "0.1.0"
