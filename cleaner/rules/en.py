"""English page furniture, by category (case-insensitive)."""

from __future__ import annotations

import re

from ..reasons import Reason as R
from . import rule

I = re.I

RULES = (
    rule("nav.menu_word", R.BOILER_NAV, r"^(?:home|home ?page|main menu|menu|navigation|skip to (?:main )?content|skip to navigation|jump to (?:navigation|search|content)|toggle navigation|back to top|top of page|site ?map|contact(?: us)?|about(?: us)?|search|log ?in|log ?out|sign ?in|sign ?up|sign ?out|register|subscribe|my account|account|help|faq|privacy(?: policy| notice)?|terms(?: of (?:use|service))?|terms (?:&|and) conditions|cookie policy|careers|jobs|advertise(?: with us)?|advertising|newsletters?|rss(?: feeds?)?|feeds?|more|see more|see all|view all|show more|load more|print|close|go|edition|topics|sections|world|video|videos|photos|watch|listen|live)\s*[:.!»›>]?$", flags=I),
    rule("share.social", R.BOILER_SHARE, r"^(?:share(?: this)?(?: (?:article|story|page|post))?|share on \w+|tweet(?: this)?|pin it|facebook|twitter|linkedin|whatsapp|reddit|pinterest|google\+|email(?: this)?|e-mail|print(?: this)?|follow us(?: on \w+)?|like us on facebook|instagram|youtube|tumblr|flipboard|messenger|copy link|link copied)\s*[:.!]?$", flags=I),
    rule("metadata.byline", R.BOILER_METADATA, r"^(?:by|written by|posted by|published by|story by|words by|author)\s*:?\s+\S", max_units=10, flags=I),
    rule("metadata.posted", R.BOILER_METADATA, r"^(?:posted|published|updated|last updated|last modified|modified|written|filed|originally published)\s*(?:on|at|in|by|:)|^(?:tags?|categories|category|filed under|posted in|topics?|labels?|keywords)\s*:|\b\d+\s*min(?:ute)?s? read\b|^reading time\b", max_units=25, flags=I),
    rule("related.header", R.BOILER_RELATED, r"^[\W_]{0,3}(?:related(?: articles| posts| stories| content| links| news| videos| coverage| topics| reading)?|read (?:more|next|also)(?: stories)?(?: about| on)?|more (?:from|on|in|stories|news|articles|videos)\b.{0,40}|recommended(?: for you| stories| articles| reading| videos)?|you (?:may|might) also (?:like|enjoy|be interested in)|most (?:popular|read|viewed|shared|emailed|commented)|trending(?: now| stories| topics)?|popular (?:posts|stories|articles|now)|recent (?:posts|articles|comments|stories|entries)|previous (?:post|article|story|entry)|next (?:post|article|story|entry)|see also|further reading|around the web|from the web|sponsored(?: content| stories| links)?|promoted (?:stories|content)|editor'?s picks|top stories|latest (?:news|stories|posts|articles|videos)|what'?s hot|don'?t miss|elsewhere on \w+)[\W_]{0,3}$", max_units=12, wall=True, flags=I),
    rule("comments.header", R.BOILER_COMMENTS, r"^\d+\s+(?:comments?|responses?|replies|reactions)\s*:?$|^(?:comments|responses|replies|reactions)\s*\(\d+\)|^(?:leave|post|add|write|submit|join) (?:a |your |the )?(?:comment|reply|response|discussion|conversation)|^\d+ (?:thoughts|responses|comments|replies) (?:on|to)\b|^comments? (?:are |is )?(?:closed|disabled)|^(?:show|view|hide|load) (?:all )?comments|^no comments?(?: yet)?\.?$", max_units=20, wall=True, flags=I),
    rule("comments.word", R.BOILER_COMMENTS, r"^(?:comments|discussion|what do you think\?)$", strong=False, flags=I),
    rule("prompt.cookies", R.BOILER_PROMPT, r"we use cookies|(?:this|our) (?:site|website) uses cookies|by (?:using|continuing to use|browsing) (?:this|our) (?:site|website)|accept (?:all )?cookies|cookie (?:policy|settings|preferences|notice|consent)", max_units=80, flags=I),
    rule("prompt.account", R.BOILER_PROMPT, r"sign up (?:for|to) (?:our|the) (?:\w+ )?(?:newsletter|mailing list|emails?)|subscribe to (?:our|the) (?:\w+ )?newsletter|get (?:our|the) (?:\w+ )?newsletter|enter your e-?mail|your e-?mail address|already (?:a subscriber|have an account|registered)|create (?:an|a free|your) account|(?:log|sign) in to (?:comment|continue|read|view)|forgot (?:your )?password|remember me", max_units=30, flags=I),
    rule("prompt.browser", R.BOILER_PROMPT, r"(?:enable|turn on) javascript|javascript (?:is )?(?:disabled|required|must be enabled)|your browser does not support|upgrade your browser|^advertisement$|^sponsored$|report this ad|skip (?:this )?ad|^continue reading|read the full (?:story|article)|^click here\b|^play(?: video)?$|^(?:un)?mute$|^loaded: \d+%|^progress: \d+%|^current time|^duration time|^remaining time|^stream type|^playback rate|captions settings|subtitles settings|^chapters$|^descriptions off|^captions off|modal window|dialog window|^fullscreen$|^non-fullscreen$", max_units=20, flags=I),
    rule("pagination.pages", R.BOILER_PAGINATION, r"^page \d+ of \d+$|^[«‹]?\s*(?:previous|prev|older|newer|next)(?: page| posts| entries| articles?)?\s*[»›]?$|^(?:\d+\s+){2,}(?:next|»|›)", flags=I),
    rule("disclaimer.views", R.BOILER_DISCLAIMER, r"views expressed (?:here |in this \w+ )?are (?:those of|solely)|do(?:es)? not necessarily (?:reflect|represent)|^disclaimer\s*:?", max_units=60, flags=I),
)
