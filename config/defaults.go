package config

import "time"

// Default returns the configuration used for every key a file leaves out.
func Default() *Config {
	return &Config{
		Digest: Digest{
			Title:        "Ukraine diplomacy digest",
			Timezone:     "UTC",
			Window:       Duration(24 * time.Hour),
			MaxStories:   12,
			MaxPerSource: 6,
			MaxCatchUp:   Duration(7 * 24 * time.Hour),
		},
		Schedule: Schedule{Cron: "0 7 * * *"},
		Gather: Gather{
			Timeout:     Duration(15 * time.Second),
			MaxBytes:    5 << 20,
			PerHost:     2,
			Concurrency: 8,
		},
		Stories: Stories{Window: Duration(48 * time.Hour)},
		Summarize: Summarize{
			Method:    "extractive",
			Sentences: 3,
			MaxWords:  80,
			LLM: LLM{
				APIKeyEnv:            "OPENAI_API_KEY",
				MaxTokensPerDigest:   60000,
				MaxRequestsPerDigest: 30,
				MaxInputTokens:       3000,
				Timeout:              Duration(60 * time.Second),
				Deadline:             Duration(5 * time.Minute),
				Retries:              3,
				Concurrency:          2,
			},
		},
		Mail: Mail{
			Transport: "file",
			From:      "digestd@localhost",
			FromName:  "digestd",
			SMTP: SMTP{
				Port:        587,
				TLS:         "mandatory",
				PasswordEnv: "DIGESTD_SMTP_PASSWORD",
				Timeout:     Duration(30 * time.Second),
			},
			File:        FileMail{Dir: "outbox"},
			DKIM:        DKIM{Selector: "digestd"},
			Unsubscribe: Unsubscribe{SecretEnv: "DIGESTD_UNSUBSCRIBE_SECRET"},
		},
		Store:  Store{Path: "digestd.db"},
		Server: Server{Grace: Duration(30 * time.Second)},
		Log:    Log{Format: "text", Level: "info"},
	}
}
