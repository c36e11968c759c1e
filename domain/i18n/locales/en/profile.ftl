### /profile, /reset — English (owned by the profile feature).

pf-paused-note = ⏸ Your profile is paused: nobody sees it. Send /resume when you are back.
pf-onboarding-note = Your profile is not finished yet: send /start to continue.
pf-reset-confirm = This clears every section of your profile and starts the setup again. Open requests and an active tandem will end. Your name and interface language stay. Continue?
pf-button-reset = Yes, start over
pf-button-keep = No, keep it
pf-reset-kept = Your profile stays as it was.
