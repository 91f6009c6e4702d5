"""Chinese page furniture, by category.

Built from the kinds of lines Chinese portals, government sites, blogs,
范文 and document-sharing sites put around articles, not from any one site:
no rule names a site.
"""

from __future__ import annotations

from ..reasons import Reason as R
from .matcher import rule

_BRACKET = r"^[【\[『「〖<《(（]?"
_CLOSE = r"[】\]』」〗>》)）]?"

_RELATED_HEADERS = (
    "相关阅读|相关文章|相关新闻|相关链接|相关内容|相关信息|相关专题|相关报道|相关资讯|相关推荐|相关搜索|相关热词搜索|相关热词"
    "|相关标签|相关评论|热词搜索|推荐阅读|推荐访问|推荐文章|推荐内容|推荐专题|热门推荐|热门文章|热门阅读|热门标签|热门搜索"
    "|热门专题|热门排行|热点推荐|热点新闻|热点文章|热点专题|精彩推荐|精彩阅读|精彩图片|精彩专题|猜你喜欢|你可能还?喜欢"
    "|你可能还?感兴趣|大家都在看|延伸阅读|扩展阅读|更多阅读|更多精彩|更多新闻|更多文章|更多资讯|往期回顾|往期推荐|往期精选"
    "|最新文章|最新资讯|最新消息|最新更新|最新推荐|最新新闻|最新动态|最新发布|最近更新|最新评论|阅读排行榜?|点击排行榜?"
    "|评论排行榜?|排行榜|今日推荐|今日热点|今日头条|本周热点|本周推荐|专题信息|专题推荐|图片新闻|视频推荐|标签云"
    "|文章归档|随笔档案|日志分类|文章分类|随笔分类|友情链接|合作伙伴|网站导航|栏目导航|快速导航|专题导航|精品推荐|编辑推荐"
)

RULES = (
    # Document-sharing sites wrap a shared Word/PDF file in their own text.
    rule("docsite.shared", R.BOILER_DOCSITE, r"由会员分享|请在.{1,12}上搜索|(?<!\d)\d+页珍藏版|配套讲稿|特殊限制[:：]|下载前(?:须|请|务必)|付费前请|上传人[:：(（]|文档(?:格式|大小|页数)[:：]|原创力文档", max_units=80, in_prose=True),
    rule("docsite.download", R.BOILER_DOCSITE, r"可在线阅读|文档下载|下载文档|点击下载", max_units=80),
    rule("docsite.file", R.BOILER_DOCSITE, r"^《?[^《》]{1,80}\.(?:docx?|pptx?|xlsx?|pdf|wps|txt|caj)》?$", lower=True),
    rule("docsite.notice", R.BOILER_DOCSITE, r"^.{0,10}温馨提示\s*[:：]?$", wall=True),
    rule("docsite.keywords", R.BOILER_DOCSITE, r"^[-–—•·\s]*关\s+键\s+词\s*[:：]", in_prose=True),
    rule("docsite.terms", R.BOILER_DOCSITE, r"本站|本平台|上传|下载|付费|文档|侵权|著作权|退款|水印|私信|仲裁", max_units=200, strong=False, min_distinct=4),
    # Spam injected by hijacked sites: gambling and lottery names.
    rule("spam.gambling", R.BOILER_SPAM, r"六合彩|九肖|特码|平特|码报|心水(?:论坛|资料)|跑狗|马会资料|开奖(?:结果|记录|直播|现场)|时时彩|北京赛车|幸运飞艇|现金网|(?:注册|首存|开户)即?送(?:彩金)?|彩金|全年(?:资料|无错)|一码(?:中特|一肖)|三肖|(?:乐虎|永利|银河|新濠|美高梅|亚博|威尼斯人|葡京|金沙|太阳城|皇冠)(?:国际|娱乐|官网|平台|体育|网址|登录|开户)", max_units=40),
    # Gambling words a news sentence may use: only in lines that are not sentences.
    rule("spam.gambling_word", R.BOILER_SPAM, r"百家乐|龙虎斗|老虎机|真人(?:娱乐|视讯|荷官)|娱乐城|赌场|博彩|威尼斯人|葡京|澳门(?:赌场|娱乐场|金沙|新葡)", max_units=40, not_prose=True),
    # Where am I: breadcrumbs.
    rule("breadcrumb.label", R.BOILER_BREADCRUMB, r"^.{0,3}(?:当前位置|您的位置|你的位置|您当前的位置|您现在的位置|你现在的位置|所在位置|当前所在位置|现在位置)\s*[:：]", in_prose=True),
    rule("breadcrumb.home", R.BOILER_BREADCRUMB, r"^(?:网站|返回)?首页\s*(?:>>?|»|›|→|-)\s*\S", in_prose=True),
    # Who, when, how many views.
    rule("metadata.label", R.BOILER_METADATA, _BRACKET + r"\s*(?:(?:图片|图|照片|视频)(?:来源|来自|提供|作者)|来源|来自|出处|原标题|作者|原作者|编辑|责任编辑|责编|编者|编审|审核|审校|校对|记者|通讯员|摄影|摄像|撰稿|发布者|发布人|发布单位|发布机构|发布时间|发布日期|发表时间|发表日期|更新时间|更新日期|上传时间|录入时间|时间|日期|浏览次数|浏览量|浏览|点击数|点击次数|点击量|点击|阅读数|阅读次数|阅读量|人气|字数|热度|分类|栏目|标签|(?:本文|文章)?关键[词字]|信息来源|文章来源|稿源|供稿|索引号|主题词|发文字号|成文日期)\s*[:：‖|丨]", max_units=30, in_prose=True),
    rule("metadata.date_word", R.BOILER_METADATA, r"\d{4}[-/.年]\s?\d{1,2}[-/.月]\s?\d{1,2}.{0,24}(?:发表|发布|阅读|浏览|点击|评论|作者|编辑)|\d{4}[-/.年]\s?\d{1,2}[-/.月]\s?\d{1,2}日?[\s\d:：]{0,12}来源[:：]|(?:发表于|发布于|发表时间|发布时间|更新于)\s*[:：]?\s*\d{2,4}[-/.年]", max_units=25),
    rule("metadata.date_time", R.BOILER_METADATA, r"^.{0,30}\d{4}[-/.年]\s?\d{1,2}[-/.月]\s?\d{1,2}日?\s*\d{1,2}[:：]\d{2}", max_units=12),
    rule("metadata.counter", R.BOILER_METADATA, r"(?:阅读|浏览|点击|人气|评论|查看)\s*[:：(（]\s*\d+\s*[)）]|(?:阅读|浏览|点击)\s*[:：]?\s*\d+\s*次|已(?:被)?(?:阅读|浏览|查看)\s*\d+\s*次|本文已影响|您是本文第\s*\d+\s*个|(?<!\d)\d+\s*人(?:阅读|浏览|看过|已读|点赞|收藏)", max_units=20),
    rule("metadata.editor", R.BOILER_METADATA, r"责任编辑|责编\s*[:：]|编辑\s*[:：]|^.{0,3}(?:本报|本网|本站)?记者\s*[\u4e00-\u9fff]{2,4}\s*(?:摄|报道)?.{0,3}$", max_units=15),
    # The site talking to the reader about the article.
    rule("editor_note.compiled", R.BOILER_EDITOR_NOTE, r"(?:下面|以下)(?:是|为)?.{0,24}(?:为|给)(?:大家|您|你|各位).{0,8}(?:整理|收集|搜集|带来|分享|推荐|精选|准备)", max_units=60, in_prose=True),
    rule("editor_note.xiaobian", R.BOILER_EDITOR_NOTE, r"小编", max_units=60),
    rule("editor_note.courtesy", R.BOILER_EDITOR_NOTE, r"供大家(?:参考|借鉴|学习)|欢迎(?:阅读|借鉴|参考|收藏|下载)|希望(?:对|能对|能够对|可以帮到)(?:你|您|大家)|感谢(?:您的)?(?:阅读|浏览|关注)|(?:快来|一起来|赶紧来)看看吧|本文(?:由|为)?.{0,8}(?:整理|原创)发布", max_units=40, strong=False),
    # What else the site wants you to read.
    rule("related.header", R.BOILER_RELATED, rf"^[\W_]{{0,3}}(?:{_RELATED_HEADERS})(?:[\W_]{{0,3}}$|\s*[:：]|\s*(?:>>|»|更多))", max_units=80, wall=True),
    rule("related.prev_next", R.BOILER_RELATED, _BRACKET + r"\s*(?:上一篇|下一篇|上一条|下一条|上一章|下一章|上篇|下篇|前一篇|后一篇)\s*" + _CLOSE + r"\s*[:：]?", max_units=40, in_prose=True),
    # Comment sections and their forms.
    rule("comments.header", R.BOILER_COMMENTS, r"^[\W_]{0,3}(?:发表|我要|网友|读者|用户|最新|热门|全部|查看|精彩|文章|相关)(?:评论|留言|跟帖)(?:区|列表|内容)?\s*[（(]?\s*\d*\s*[)）]?(?:\s*\d+\s*条)?[\W_]{0,3}$|^[\W_]{0,3}(?:评论|留言|跟帖)(?:区|列表)?\s*[（(]\s*\d+\s*[)）][\W_]{0,3}$|^.{0,40}已有\s*\d+\s*(?:件|条|篇|人)(?:评论|参与)|^共\s*\d+\s*(?:篇|条|个)评论|^\d+\s*条评论|^#\s?re[:：]|^回复\s*[:：]|^(?:点击|点这里)?发表评论|^发表、查看|^主题已经关闭|^评论已关闭|^网友(?:留言|跟帖|评论)", max_units=20, wall=True),
    rule("comments.word", R.BOILER_COMMENTS, r"^[\W_]{0,3}(?:评论|留言|跟帖)(?:区|列表)?[\W_]{0,3}$", strong=False),
    # Around each comment: when it was posted, its buttons and counts.
    rule("comments.time_ago", R.BOILER_COMMENTS, r"^\d+\s*(?:秒|分钟|小时|天|周|个月|年)前$|^\S{1,16}?(?:\s+|\s*[(（]楼主[)）]\s*)\d+\s*(?:秒|分钟|小时|天|周|个月|月|年)前$", max_units=12, lower=True, aside=True),
    rule("comments.actions", R.BOILER_COMMENTS, r"^(?:[\d,.]+[万wk]?\s*)?(?:回复|踩|赞|点赞|收藏|举报|分享|转发|评论|顶|引用|人参与)(?:\s*(?:[(（]\s*[\d,.]+[万wk]?\s*[)）]|[\d,.]+[万wk]?))?(?:(?:\s*[|·•/]\s*|\s+)?(?:回复|踩|赞|点赞|收藏|举报|分享|转发|评论|顶|引用|人参与)(?:\s*(?:[(（]\s*[\d,.]+[万wk]?\s*[)）]|[\d,.]+[万wk]?))?)+$", aside=True),
    rule("nav.tools", R.BOILER_NAV, r"^[【\[]?字[号体]\s*[:：]?[】\]]?$|^(?:列表|大图|缩略图|全文)(?:查看|浏览|模式)$|^您的浏览器(?:暂时)?(?:无法|不能|不支持)播放(?:此|该)?视频\W*$|^(?:(?:调整|缩小|放大)字体|收藏|微博|微信|分享|打印|关闭)(?:\s+(?:(?:调整|缩小|放大)字体|收藏|微博|微信|分享|打印|关闭|[\d,]+))*$"),
    # Share, follow, tip.
    rule("share.qr", R.BOILER_SHARE, r"分享到|分享至|一键分享|转发(?:到|至)|扫描.{0,24}二维码|扫一扫|扫码(?:关注|下载|阅读|查看|领取)|长按(?:识别|扫描)?.{0,8}二维码|(?:点击|欢迎|敬请)关注|关注(?:我们|本站|官方微信|官方微博)|赞赏|打赏|QQ空间|新浪微博|腾讯微博|人人网|微信好友", max_units=25),
    rule("share.network", R.BOILER_SHARE, r"^(?:微信|微博|QQ|Qzone|QQ空间|朋友圈|微信好友|新浪微博|腾讯微博|抖音|今日头条|头条号|百家号|小红书|知乎|豆瓣)$"),
    rule("share.wechat", R.BOILER_SHARE, r"二维码|微信公众号|公众号|朋友圈|点赞|在看", max_units=15, strong=False, not_prose=True),
    # Footers.
    rule("copyright.icp", R.BOILER_COPYRIGHT, r"ICP\s*(?:备|证|备案)|公网安备|网安备|备案(?:号|序号|编号)\s*[:：]|电信(?:增值)?业务经营许可证|增值电信业务|网络文化经营许可证|新闻信息服务许可证|经营许可证(?:编号)?\s*[:：]|节目制作经营许可证|网站标识码|违法和不良信息举报|不良信息举报", max_units=80),
    rule("copyright.notice", R.BOILER_COPYRIGHT, r"版权所有|版权归.{0,12}所有|保留所有权利|转载请(?:注明|保留)", max_units=20, in_prose=True),
    rule("copyright.reprint", R.BOILER_COPYRIGHT, r"(?:禁止|不得|谢绝|严禁|请勿)(?:任何)?(?:转载|复制|摘编)|未经(?:本站|本网|作者|书面)?(?:授权|允许|许可|同意)", max_units=40),
    rule("copyright.host", R.BOILER_COPYRIGHT, r"主办单位|承办单位|协办单位|技术支持\s*[:：]|网站(?:建设|维护|制作)\s*[:：]", max_units=40, strong=False, not_prose=True),
    rule("disclaimer.header", R.BOILER_DISCLAIMER, _BRACKET + r"\s*[\u4e00-\u9fff]{0,4}(?:免责声明|免責聲明|版权声明|特别声明|郑重声明|法律声明|声明)\s*" + _CLOSE + r"\s*[:：]?$", wall=True),
    rule("disclaimer.phrase", R.BOILER_DISCLAIMER, r"免责声明|(?:仅|只)代表(?:作者|发布者)?(?:本人|个人)?的?(?:观点|立场|看法)|不代表本(?:站|网|平台|刊|报|号)的?(?:观点|立场)|仅提供信息(?:存储|发布)(?:空间)?服务|(?:内容|文章|图片)?(?:来源于|来自于|转载自|来自)(?:网络|互联网)|如(?:有|涉及|涉嫌|发现)侵权|(?:请|敬请)(?:及时)?联系(?:我们|本站|本网)?(?:予以)?(?:删除|处理)|转载(?:目的在于|仅为)|不对.{0,12}(?:时效|真实性|准确性|完整性).{0,8}负责", max_units=150, in_prose=True),
    rule("disclaimer.reference", R.BOILER_DISCLAIMER, r"(?:仅|只)供(?:参考|学习|交流|研究)", max_units=150),
    # Reach us.
    rule("contact.hotline", R.BOILER_CONTACT, r"(?:客服|服务|咨询|招生|投诉|举报|订购|销售|报名|售后|业务|合作|广告|值班|订阅)(?:热线|电话|专线|QQ|微信|邮箱|信箱|传真)|投稿(?:邮箱|信箱|地址|热线|电话|方式)|联系(?:电话|方式|邮箱)\s*[:：]", max_units=30),
    rule("contact.field", R.BOILER_CONTACT, r"^(?:电话|传真|手机|地址|邮编|邮箱|电子邮箱|QQ|微信)\s*[:：]", max_units=25, strong=False),
    rule("pagination.pages", R.BOILER_PAGINATION, r"第\s*\d+\s*页\s*[,，/／]?\s*共\s*\d+\s*页|^共\s*\d+\s*页|^第\s*\d+\s*页$|^(?:上一页|下一页|首页|尾页|末页)(?:\s+(?:上一页|下一页|首页|尾页|末页|\d+))*$"),
    # Site chrome: menus, prompts.
    rule("nav.menu_word", R.BOILER_NAV, r"^(?:网站|返回)?首页$|^主页$|^返回(?:顶部|首页|列表|上一页|目录|上级)$|^回到顶部$|^(?:网站|站点)地图$|^联系我们$|^关于我们$|^加入收藏$|^收藏本站$|^设为首页$|^(?:用户|会员)?登录$|^(?:免费|会员)?注册$|^登录\s*[|/]?\s*注册$|^退出(?:登录)?$|^帮助(?:中心)?$|^意见反馈$|^(?:简体|繁體|繁体)(?:中文|版)?$|^手机版$|^电脑版$|^无障碍(?:浏览)?$|^(?:查看)?更多\s*(?:>>|»|>)?$|^打印(?:本页|此页|文章)?$|^关闭(?:窗口|本页)?$|^访问主要内容$|^(?:APP|客户端)下载$|^下载(?:APP|客户端)$|^站内搜索$|^(?:快速)?导航$|^(?:客户端|频道|图集|视频|专题|直播|首页推荐|举报|纠错|【纠错】|正文|返回搜狐|查看更多)$"),
    rule("nav.font", R.BOILER_NAV, r"^[【\[]?字[号体]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?\s*[【\[]?\s*小|页面功能|双击自动滚屏", max_units=30, in_prose=True),
    rule("nav.welcome", R.BOILER_NAV, r"^(?:欢迎(?:光临|访问|来到)|谢谢您?访问).{0,24}$", max_units=16, strong=False),
    rule("prompt.read_more", R.BOILER_PROMPT, r"^[\W_]{0,3}(?:阅读全文|展开全文|查看全文|继续阅读|点击查看|点击阅读)"),
    rule("prompt.browser", R.BOILER_PROMPT, r"浏览器版本过低|请(?:升级|更换)(?:您的)?浏览器|请(?:开启|启用)\s*JavaScript|验证码\s*[:：]?$|(?:请|您)?(?:先)?登录(?:后)?(?:才能|即可|再)|(?:立即|马上|免费)(?:注册|登录|订阅)|(?:点击|请点击)(?:此处|这里)|^(?:提交|重置|发表|取消|确定|搜索)$|^(?:广告|推广)$|^收藏(?:本文)?$", max_units=20),
)
