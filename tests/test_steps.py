"""Each step of the engine on its own: a page of blocks in, the decisions
that step (and only it) makes out. The end-to-end tests say what a page
comes to; these say which step decides what, so that a change to one step
shows up as that step's failure."""

from __future__ import annotations

from cleaner import boilerplate, layout, shapes
from cleaner.features import features
from cleaner.page import Page
from cleaner.pipeline import Config
from cleaner.segment import segment

ARTICLE = (
    "会议强调，要牢记使命担当，切实增强加快推进现代职业教育健康持续发展的使命感和责任感。\n"
    "会议要求，各地各部门要狠抓工作落实，确保各项任务落到实处，以实际行动推动教育事业高质量发展。\n"
    "会议指出，过去一年全市职业教育改革取得明显成效，产教融合不断深化，人才培养质量稳步提高。\n"
)


def page_of(text: str) -> Page:
    return Page(segment(text), Config())


def removed(page: Page) -> dict[int, str]:
    """Line number -> reason code of each block removed so far."""
    return {block.line: decision.reason.value for block, decision in zip(page.blocks, page.decisions) if decision is not None and not decision.kept}


def judged(text: str) -> dict[int, str]:
    """Line number -> reason code of each block the boilerplate steps remove."""
    page = page_of(text)
    boilerplate.drop_rule_hits(page)
    boilerplate.judge_context(page)
    return removed(page)


# layout.drop_symbol_lines


def test_separator_lines_go_and_a_wrapped_sentence_end_stays():
    page = page_of("第一段讲了一件事情而且这件事情非常重要需要大家都知道的内容就在\n。\n------\n第二段。\n* * *\n")
    layout.drop_symbol_lines(page)
    assert removed(page) == {3: "layout.symbols", 5: "layout.symbols"}


def test_a_lone_full_stop_after_a_finished_sentence_goes():
    page = page_of("第一段讲完了。\n。\n")
    layout.drop_symbol_lines(page)
    assert removed(page) == {2: "layout.symbols"}


def test_a_column_of_marks_goes_in_one_pass_and_a_wrap_tail_sees_the_line_kept_above_it():
    # Each "," once stood below a line with text that was not yet dropped:
    # a pass dropped one mark and the next pass the next.
    page = page_of("\x01\n,\n,\n,\n")
    layout.drop_symbol_lines(page)
    assert removed(page) == {1: "layout.symbols", 2: "layout.symbols", 3: "layout.symbols", 4: "layout.symbols"}
    # Below a dropped comment, a code sample's closing bracket is still the
    # tail of the line above what is left.
    page = page_of('APPS = [\n"myapp",\n# ...\n]\n')
    layout.drop_symbol_lines(page)
    assert removed(page) == {3: "layout.symbols"}


# layout.normalise_blank_lines


def test_blank_lines_before_between_and_after_the_text():
    page = page_of("\n\n第一段。\n\n\n\n第二段。\n\n")
    layout.normalise_blank_lines(page)
    assert removed(page) == {1: "layout.blank", 2: "layout.blank", 5: "layout.blank", 6: "layout.blank", 8: "layout.blank"}
    assert page.decisions[3] is None  # the one break kept between the paragraphs


def test_a_blank_line_between_text_and_removed_text_is_trailing():
    page = page_of("第一段。\n\n菜单\n")
    page.remove(page.blocks[2], boilerplate.Reason.BOILER_NAV, "test")
    layout.normalise_blank_lines(page)
    assert removed(page) == {2: "layout.blank", 3: "boiler.nav"}


# layout.paragraphs


def test_hard_wrapped_lines_are_one_paragraph_and_list_items_start_their_own():
    text = (
        "Optimum fertilization promotes quality growth and gives the trees\n"
        "luxuriant foliage that lasts through the whole of the summer season\n"
        "and well into the autumn.\n"
        "1. Water in the morning.\n"
        "2. Feed in the spring.\n"
    )
    found = [paragraph.text for paragraph in layout.paragraphs(page_of(text))]
    assert found == [
        "Optimum fertilization promotes quality growth and gives the trees luxuriant foliage that lasts "
        "through the whole of the summer season and well into the autumn.",
        "1. Water in the morning.",
        "2. Feed in the spring.",
    ]


def test_wrapped_chinese_is_joined_without_spaces_and_a_decided_block_breaks_the_run():
    wrapped = ARTICLE.replace("\n", "")
    lines = [wrapped[at : at + 30] for at in range(0, 90, 30)]
    page = page_of("\n".join(lines) + "\n")
    assert [p.text for p in layout.paragraphs(page)] == ["".join(lines)]
    page.remove(page.blocks[1], boilerplate.Reason.BOILER_SPAM, "test")
    assert [p.text for p in layout.paragraphs(page)] == [lines[0], lines[2]]


def test_a_ragged_column_of_chinese_headlines_is_not_a_wrapped_paragraph():
    # Headlines of 13 to 24 characters, none ending a sentence, line-spaced:
    # wrapped text would be within a character or two of one width.
    headlines = [
        "深圳出招：P2P存管属地化 跑路不可再任性",
        "汪玉凯：“提前离岗”是一种“赎买政策”",
        "快播案开审 王欣：技术本身并不可耻",
        "东莞地陷事故：人祸甚于天灾",
        "最低价中标背后腐败链：中标后以各种理由增加工程款",
    ]
    page = page_of("\n\n".join(headlines) + "\n")
    assert [p.text for p in layout.paragraphs(page)] == headlines
    # The same words wrapped at one width are one paragraph again.
    joined = "".join(headlines)
    lines = [joined[at : at + 24] for at in range(0, len(joined), 24)]
    assert [p.text for p in layout.paragraphs(page_of("\n\n".join(lines) + "\n"))] == [joined]


def test_headlines_cut_to_one_length_and_a_menu_line_start_paragraphs_of_their_own():
    # Cut by the site to 23 characters and an ellipsis: as long as a wrap's
    # lines, but two full-width lines trail off, so each is a headline.
    column = [
        "格力手机被质疑刷单 董明珠：没必要 刷单没价值",
        "王者荣耀制作团队：七成员工是四川人 3总监都是...",
        "网红工厂造星：吃住挤6平米 月入过万需720小时苦练",
        "从全球涨幅第一到部分楼价腰斩 谁导演了合肥房价...",
    ]
    assert [p.text for p in layout.paragraphs(page_of("\n\n".join(column) + "\n"))] == column
    footer = [
        "关于财经网|关于我们|联系我们|广告合作|财经奖学金|财经招聘|环境公益中心|网站地图",
        "有意与本刊合作者，有关合作事宜请与财经网联系。未经财经网书面授权，请勿转载或建立镜像",
    ]
    assert [p.text for p in layout.paragraphs(page_of("\n".join(footer) + "\n"))] == footer


def test_double_spacing_is_line_spacing_not_paragraph_breaks():
    assert layout.double_spaced(segment("a\n\nb\n\nc\n\nd\n"))
    assert not layout.double_spaced(segment("a\nb\n\nc\nd\n\ne\n"))


def test_list_items_and_lower_case_continuations():
    assert [shapes.starts_item(t) for t in ("• 一", "- one", "-18赛季", "12）", "1234. x", "（3）", "十一、", "第一")] == [
        True, True, False, True, False, True, True, False,
    ]
    assert layout._starts_lower("and then") and not layout._starts_lower("And then")


# boilerplate.drop_rule_hits


def test_a_strong_rule_removes_its_line_and_a_weak_one_is_only_remembered():
    page = page_of(ARTICLE + "渝ICP备19001440号-1\n关注公众号\n")
    boilerplate.drop_rule_hits(page)
    assert removed(page) == {4: "boiler.copyright"}
    hits = page.memo["boilerplate"].hits
    assert hits[4] is not None and not hits[4].strong  # remembered for the context step


def test_a_rule_word_inside_a_sentence_of_the_article_is_only_a_keyword():
    sentence = "他未经允许进入了邻居家中，被监控拍下后警方迅速介入调查，目前此事正在进一步处理之中。\n"
    page = page_of(ARTICLE + sentence)
    boilerplate.drop_rule_hits(page)
    assert removed(page) == {}
    hit = page.memo["boilerplate"].hits[3]
    assert hit is not None and hit.found == "未经允许" and hit.keyword and not hit.strong


# boilerplate.judge_context


def test_the_article_stays_and_the_page_around_it_goes_named_for_what_it_is():
    menu = "网站首页 新闻中心 政务公开 办事服务 互动交流\n"
    headlines = "".join(f"市教育局召开第{n}次职业教育工作推进会议\n" for n in range(1, 8))
    decided = judged(menu + "全市职业教育工作会议召开\n" + ARTICLE + headlines)
    assert decided[1] == "boiler.nav"
    assert 2 not in decided  # the title above the article
    assert not {3, 4, 5} & decided.keys()  # the article
    assert {decided[line] for line in range(6, 13)} == {"boiler.link_list"}


def test_the_article_is_the_best_run_and_no_run_crosses_a_wall():
    def item(score, wall=False):
        return boilerplate._Item([], features("x"), score, wall)

    items = [item(-1), item(5), item(-2), item(4), item(-9), item(3)]
    assert boilerplate._best(items, 0, len(items)) == (7.0, 1, 3)
    items[2] = item(0, wall=True)  # a 相关阅读 header between the paragraphs
    assert boilerplate._best(items, 0, len(items)) == (5.0, 1, 1)


def test_the_title_leads_the_article_past_its_date_and_source_line():
    from cleaner.pipeline import clean_text

    title = "民航局公布86人黑名单 今起限制乘坐民航1年"
    text = "人民网>>财经\n" + title + "\n2018年06月01日16:07 来源：人民网-财经频道\n（图片提供：全景视觉）\n" + ARTICLE
    assert clean_text(text).text == title + "\n" + ARTICLE


def test_a_run_holds_one_news_item_a_second_dateline_starts_another():
    def item(score, opens=False):
        made = boilerplate._Item([], features("x"), score)
        made.opens = opens
        return made

    # The article's own dateline opens the run; a teaser's dateline after
    # it may only start a run of its own.
    items = [item(2), item(9, opens=True), item(6), item(-1), item(5, opens=True), item(1)]
    assert boilerplate._best(items, 0, len(items)) == (17.0, 0, 2)
    items[4].opens = False  # the same page without the second dateline: one run
    assert boilerplate._best(items, 0, len(items)) == (22.0, 0, 5)


def test_teasers_of_other_news_items_after_the_article_go():
    article = "人民网北京6月1日电 今日，民航局公布首批严重失信人名单，限制特定严重失信人乘坐民用航空器。\n" + ARTICLE
    teasers = "".join(
        f"社保基金去年收入{n}万亿元 人民网北京5月2{n}日电 据人力资源和社会保障部网站消息，去年基金收入增幅超过支出增幅，运行总体平稳。\n财经\n"
        for n in range(1, 5)
    )
    decided = judged(article + teasers)
    assert not {1, 2, 3, 4} & decided.keys()  # the article, its dateline included
    assert set(range(5, 13)) <= decided.keys()  # every teaser and its category label


def test_an_article_without_a_dateline_does_not_go_on_into_a_dated_teaser():
    teaser = "社保基金去年收入6.7万亿元 人民网北京5月22日电 据人力资源和社会保障部网站消息，去年基金收入增幅超过支出增幅，运行总体平稳。\n"
    decided = judged(ARTICLE + teaser + "财经\n")
    assert not {1, 2, 3} & decided.keys()
    assert 4 in decided


def test_a_ranking_of_hot_articles_goes_and_a_chronology_stays():
    ranking = [
        "1万科蛇口公馆开盘：出入被严格限制，前350人抢走194套房，最低7.97万/平！",
        "2全球贸易协会总干事艾伟德：历史表明贸易战中没有赢家",
        "3美国缺席世界杯，特朗普却想打败全世界，市场担忧情绪再起！",
        "4科学家发现：找不着调，找不着北可能是一回事",
    ]
    decided = judged(ARTICLE + "\n" + "\n".join(ranking) + "\n")
    assert not {1, 2, 3} & decided.keys()
    assert {5, 6, 7, 8} <= decided.keys()  # the two that exclaim after a comma too
    assert [shapes.rank(line) for line in ranking] == [1, 2, 3, 4]
    # Numbered by month, the lines are dates, not ranks.
    chronology = ["1月，全市新开工重点项目32个，完成投资超过预期！", "2月，各区完成年度目标分解，签订责任书。", "3月，全市召开推进大会，部署全年任务！"]
    assert not judged(ARTICLE + "\n" + "\n".join(chronology) + "\n")


ENGLISH = (
    "The council met on Tuesday to discuss the budget for the coming year, and it agreed on most of the items.\n"
    "Members said that the new plan would help the city repair its roads and build two new schools by the autumn.\n"
    "The vote on the remaining items was put off until next month, when the full report will be ready for review.\n"
)


def test_headlines_that_call_out_in_a_column_of_headlines_go_and_a_list_a_sentence_introduces_stays():
    column = [
        "Local team wins the regional final after extra time",
        "Heavy rain expected across the north this weekend",
        "Is this the end of the high street as we know it?",
        "New bridge opens to traffic two years behind schedule",
        "You will not believe what the mayor said next!",
        "Prices of fresh fruit rise for the third month running",
    ]
    decided = judged(ENGLISH + "\n" + "\n\n".join(column) + "\n")
    assert not {1, 2, 3} & decided.keys()
    assert {5, 7, 9, 11, 13, 15} <= decided.keys()  # the question and the exclamation too
    # The same lines after a sentence that introduces them are the article's own list,
    # however long the sentence; and lines that end in commas are verse, not headlines.
    # (The list's last line, after its last sentence, is outside the article either way.)
    for lead in ("The paper's front page carried these stories:", "On the morning after the vote, the front page of the city's paper carried these six stories:"):
        assert not judged(ENGLISH + "\n" + lead + "\n\n" + "\n\n".join(column) + "\n").keys() & set(range(1, 16)), lead
    # A headline wrapped over two lines is judged where it ends.
    wrapped = [line.replace(" we know", " we\nknow").replace(" said next", " said\nnext") for line in column]
    assert {9, 10, 14, 15} <= judged(ENGLISH + "\n" + "\n\n".join(wrapped) + "\n").keys()
    verse = [line + "," if n % 2 else line for n, line in enumerate(column)]
    assert not judged(ENGLISH + "\n" + "\n\n".join(verse) + "\n").keys() & set(range(1, 14))


def test_a_column_of_clickbait_is_a_column_and_questions_answered_in_sentences_are_not():
    clickbait = [
        "You will not believe what the mayor said next!",
        "Is this the end of the high street as we know it?",
        "Local team wins the regional final after extra time",
        "Why are fruit prices still rising every month?",
        "The star finally breaks her silence on the rumours!",
        "Heavy rain expected across the north this weekend",
    ]
    decided = judged(ENGLISH + "\n" + "\n\n".join(clickbait) + "\n")
    assert not {1, 2, 3} & decided.keys()
    assert {5, 7, 9, 11, 13, 15} <= decided.keys()
    # Questions answered in sentences of the same length are the article's own.
    exchange = [
        "Why did the council put off the vote?",
        "The full report was not ready for review yet.",
        "When will the two new schools open?",
        "Both schools should open their doors by the autumn.",
        "Which roads will the council repair first?",
        "The roads near the schools come first on the list.",
    ]
    assert not judged(ENGLISH + "\n" + "\n\n".join(exchange) + "\n")
    # An interview's questions with one-word answers: questions, and not one title among them.
    interview = [line for question in exchange[::2] for line in (question, "Yes.")]
    interview += ["Would you ever think about going back on tour with them?", "Never.", "Do you miss playing in front of big crowds every night?", "Sometimes."]
    interview += ["Was there a single moment when you knew it was over?", "Yes."]
    assert not judged(ENGLISH + "\n" + "\n\n".join(interview) + "\n")

def test_a_dateline_opens_a_news_item_only_at_the_head_of_its_line():
    assert shapes.opens_news_item("新华社北京6月8日电（记者王珂）文化和旅游部1日发布")
    assert shapes.opens_news_item("全国接待国内游客1.47亿人次 本报北京5月1日电 （记者王珂）")
    assert shapes.opens_news_item("新华社北京6月8日电")  # the dateline on a line of its own
    assert not shapes.opens_news_item("会议指出，据新华社北京6月8日电 文化和旅游部发布")  # quoted inside a sentence
    assert not shapes.opens_news_item("自6月1日电价下调以来")  # a date, then a word


def test_a_short_line_cut_off_with_an_ellipsis_does_not_end_a_sentence():
    for teaser in ("陈文辉：保险业绝不能由“风险管理者”异化为“风...", "You may also like...", "Uyardıktan sonra nasihat etti…"):
        assert not features(teaser).ends_sentence, teaser
    for sentence in (
        "有的认为是大气电离子惹的祸，有的认为是由地球磁场变动所引发，更有甚者将其称为“衣物百慕大”……",  # trails off after clauses
        "Here is what you do. You could try...",  # a sentence ended before it
        "2023年在全市职业教育工作会议上的讲话与总结和对下一阶段的工作思路和安排以及各部门的具体分工和责任落实的要求...",  # too long for a headline
    ):
        assert features(sentence).ends_sentence, sentence


def test_a_column_of_headlines_joined_as_one_paragraph_is_not_prose():
    # Ten headlines cut at a fixed width read as a hard-wrapped paragraph;
    # one of them exclaims, none is a sentence of it.
    ticker = (
        "经观头条 | 首家保险债权计划“踩雷”事件郭树清提示风险：收益率超过6%打问号，10%5G首个版本出炉 2025年中国5G用户或占全球"
        "生态环境部：石家庄定州河堤惊现3公里“垃蹊跷！昨日申请停牌 中融双创今日就出现债养老金全国统筹迈出新一步 养老保险基金中"
        "本报暗访后，记者随国家抽查组摸排“地条钢【独家】武穴城投担保资管项目延期兑付 地"
    )
    assert not features(ticker).prose
    # One long sentence with one full stop, a comma every few words, and a colon before its list.
    sentence = (
        "东方网记者曹磊5月13日报道：2024年5月19日是第14个中国旅游日，作为每年中国旅游日的重要内容，上海市文化和旅游局、"
        "上海市旅游行业协会动员、组织本市62家有关景区（点）开展“中国旅游日”门票半价优惠活动，包括东方明珠、上海野生动物园、"
        "海昌海洋公园、上海欢乐谷等。详见："
    )
    assert features(sentence).prose


def test_the_furniture_around_comments_and_posts_is_named():
    rules = Config().rule_set()
    furniture = {
        "joetoronto says:": "comments.says",
        "Reply 1 - Posted by: Jesuslover54 5/12/2024 12:06:29 PM (No. 1716597)": "comments.author",
        "Rating: 36 Votes": "comments.votes",
        "3 people like this.": "comments.votes",
        "2 days ago at 07:52 am": "comments.time_ago_en",
        "ReplyQuote": "comments.actions_en",
        "Reply | Quote | Report": "comments.actions_en",
        "Joined: Mar 2019": "comments.member",
        "Posts: 1,234": "comments.member",
        "[ 167 comments ]": "comments.header_en",
        "Top Rated Comments": "comments.header_en",
        "Click to share on Twitter (Opens in new window)": "share.click",
        "3小时前": "comments.time_ago",
        "回复 踩0 赞85 收藏": "comments.actions",
        "37评论 收藏": "comments.actions",
        "热门评论 10条": "comments.header",
        "缩小字体 放大字体 收藏 微博 微信 分享 5,874": "nav.tools",
        "您的浏览器暂时无法播放此视频": "nav.tools",
        "字号：": "nav.tools",
        "小诺抓 (楼主)10月前": "comments.time_ago",
        "（图片提供：全景视觉）": "metadata.label",
        "2018年06月01日16:07 来源：人民网-财经频道": "metadata.date_word",
        "本文关键词：娃娃,菜炒,必威betway中文版,香菇": "metadata.label",
        "Store and/or access information on a device 301 partners can use this purpose": "prompt.consent",
        "Create profiles to personalise content": "prompt.consent",
        "Accept All Reject All Show Purposes": "prompt.consent",
        "Msg & data rates may apply.": "prompt.account",
        "By entering your email, you agree to receive emails from us about new products.": "prompt.account",
    }
    for line, name in furniture.items():
        hit = rules.first_hit(line, features(line))
        assert hit is not None and hit.rule.name == name, line
    for sentence in ("The president says: we will win.", "Three people like this song more than any other.", "两天前他回复了我的邮件，并表示赞同。", "他10年前就来过这里了",
                     "We measure content performance with care, the editor said in an interview last week.", "The statement says:",
                     "回到30年前", "完成时间：2019年5月前", "微信怎么调整字体大小", "第二步：调整字体", "Thanks",
                     "2018年6月1日，记者从市政府获悉，本次会议公布的数据来源：统计局。",
                     "The company lets users unsubscribe at any time, a spokesperson said.",
                     "By providing your email address to retailers, you expose yourself to spam, experts warn."):
        hit = rules.first_hit(sentence, features(sentence))
        assert hit is None or not hit.rule.strong or hit.in_sentence(features(sentence)), sentence  # (a keyword, not furniture)


def test_a_footers_copyright_and_terms_of_reuse_are_named_and_a_sentence_about_them_is_not():
    rules = Config().rule_set()
    terms = "The content (including but not limited to text, photo, multimedia information, etc) published in this site belongs to the company. "
    footer = {
        "Copyright 1995 - 2024 . All rights reserved. " + terms + terms: "copyright.lead",
        "© 2024 Example Media Group. " + terms + terms: "copyright.lead",
        "Without written authorization from the company, such content shall not be republished or used in any form.": "copyright.reuse",
        "No part of this publication may be reproduced without the prior written permission of the publisher.": "copyright.reuse",
        "This material may not be published, broadcast, rewritten or redistributed.": "copyright.reuse",
        "Reproduction in whole or in part without the permission of the publisher is prohibited.": "copyright.reuse",
    }
    for line, name in footer.items():
        hit = rules.first_hit(line, features(line))
        assert hit is not None and hit.rule.name == name and hit.strong, line
    for sentence in ("Copyright law in the United States protects original works of authorship, the judge wrote in her ruling.",
                     "Copyright 2019 was a record year for infringement suits, the report by the law firm found.",
                     "The photos were copied without permission, the court heard on Tuesday.",
                     "The company used the photos without written permission from the photographer, the lawsuit says.",
                     "The surgery was performed without prior consent, the family's lawyer said.",
                     "Spyware gathers information from a target and sends it to another entity without consent.",
                     "The results may not be published, officials warned, until the review is complete.",
                     "Under the court order, the names may not be published or broadcast before the trial.",
                     "The names of the victims may not be published until their families have been told."):
        hit = rules.first_hit(sentence, features(sentence))
        assert hit is None or not hit.rule.strong or hit.in_sentence(features(sentence)), sentence


def test_a_posts_furniture_does_not_cut_the_thread_it_stands_in():
    # Five lines of furniture weigh, in the search for the text, as the short
    # lines they are; had they cost what a rule's hit costs, the two posts
    # would be two runs, and the second too short to join the first.
    post = "I agree in principle, but one act like this will spawn many more.\n"
    furniture = "Reply | Quote\n3 people like this.\n2 days ago\nJoined: Mar 2019\nPosts: 12\n"
    decided = judged("Home\nForums\n" + post + furniture + post.replace("agree", "disagree"))
    assert [decided.get(line) for line in range(4, 9)] == ["boiler.comments"] * 5
    assert 3 not in decided and 9 not in decided  # both posts stay


def test_a_menu_line_is_short_items_and_a_sentence_is_not():
    for text in ("首页 | 新闻 | 体育 | 娱乐", "网站首页 新闻中心 政务公开 办事服务"):
        assert boilerplate._menu(text, features(text)) is not None
    for text in ("会议强调，要牢记使命担当。", "Home of the brave and free"):
        assert boilerplate._menu(text, features(text)) is None
