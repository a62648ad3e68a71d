// Package digest is the pipeline that turns gathered articles into a digest and delivers it:
// gather -> clean -> age and memory -> dedupe -> relevance -> stories -> summaries -> letters.
// Each stage is a plain function of its inputs (time is passed in as now); the stages' own
// logic lives in the packages beside it (gather, clean, extract, dedupe, topic, story) and in
// summarize. This package wires them, decides every article's status with a reason, and keeps
// the delivery promise: letters are stored before they are sent, and articles count as delivered
// to a subscriber only once that subscriber's letter was accepted.
//
// It does not parse configuration, schedule runs, render templates or speak SMTP: those parts are
// passed in through the small interfaces declared here.
package digest
