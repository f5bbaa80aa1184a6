"""One reader per input format; each turns a file's content into a Script."""
