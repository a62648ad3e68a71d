package mail

// Test helpers for the external test package (mail_test), which may import
// templates without an import cycle.
var PlainConfig = plainConfig
