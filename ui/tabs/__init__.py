"""The UI's tabs, one module each: it builds the tab's components and handlers and returns
the components that `ui.app` wires across tabs."""
