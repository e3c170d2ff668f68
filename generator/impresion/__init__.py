"""Low-level printing helpers used by the outputs (generator.outputs): assembling site pages
for WeasyPrint (``pdf``) and converting the plan page to Word (``docx``)."""
