"""Files to Documents, Documents to forms, and forms to suggestions. Never adds points."""
