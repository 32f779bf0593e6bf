"""The desk's Qt widgets: screens, dialogs and the operation helper, on top of the Qt-free core."""
