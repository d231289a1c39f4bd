"""Browser tests: real headless Chromium driving the real service on its own embedded database.

Run by Deploy/test as `python Tests/e2e/workflow_test.py PROGRAM`. Starts `disclosure serve` on a
throwaway data folder with the demo district, then walks an application from intake to archive
as an officer and a supervisor would, checking the dashboard counts at each step, that no page
logs a console error, and that axe-core finds no accessibility violation on any page. Screenshots
of every page go to Tests/e2e/artifacts/.
"""
import base64
import hashlib
import hmac
import io
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unicodedata
import unittest
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from selenium_axe_python import Axe

PROGRAM = None
HERE = os.path.dirname(os.path.abspath(__file__))
ARTIFACTS = os.path.join(HERE, "artifacts")
TODAY = "2026-06-12"
ARRIVED = "2026-06-08"
# The demo's passwords are drawn per installation: the officer and the administrator are read
# from `disclosure demo accounts` when the service starts. The supervisor of the officer's agency
# is given a password here and enrols a one-time-code authenticator at the first sign-in.
OFFICER = "zjj.officer"
SUPERVISOR = "zjj.supervisor"
ADMIN = "admin"
SUPERVISOR_PASSWORD = "supervisor-e2e-2024"


def totp(secret_base32, step):
    """RFC 6238 (HMAC-SHA1, 6 digits, 30-second steps), as an authenticator app computes it."""
    key = base64.b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1000000:06d}"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Service_:
    """The disclosure service on a throwaway embedded database."""

    def __init__(self):
        os.makedirs("/tmp/disclosure-tests", exist_ok=True)
        self.folder = tempfile.mkdtemp(prefix="e2e-", dir="/tmp/disclosure-tests")
        os.chmod(self.folder, 0o755)
        self.env = dict(os.environ)
        self.env.pop("DATABASE_URL", None)
        self.env["DISCLOSURE_DATA_DIR"] = self.folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def run(self, *args):
        return subprocess.run([PROGRAM, *args], env=self.env, check=True, stdout=subprocess.PIPE, text=True).stdout

    def start(self):
        self.run("demo", "generate", "--cases", "40", "--today", TODAY)
        # One account per line: role, username, password, one-time-code secret (or -), then a description.
        self.accounts = {}
        for line in self.run("demo", "accounts").splitlines():
            fields = line.split()
            if len(fields) >= 4 and fields[0] in ("officer", "supervisor", "administrator", "security_administrator", "auditor"):
                self.accounts[fields[1]] = {"password": fields[2], "secret": None if fields[3] == "-" else fields[3]}
        self.run("user", "password", SUPERVISOR, "--password", SUPERVISOR_PASSWORD)
        self.accounts[SUPERVISOR] = {"password": SUPERVISOR_PASSWORD, "secret": None}
        self.log = open(os.path.join(ARTIFACTS, "server.log"), "w")
        self.process = subprocess.Popen([PROGRAM, "serve", "--port", str(self.port), "--today", TODAY],
                                        env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        for _ in range(300):
            try:
                urllib.request.urlopen(self.url + "/health", timeout=1)
                return
            except Exception:
                time.sleep(0.1)
        raise RuntimeError("the service did not start; see artifacts/server.log")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class WorkflowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shutil.rmtree(ARTIFACTS, ignore_errors=True)
        os.makedirs(ARTIFACTS)
        cls.service = Service_()
        cls.service.start()
        options = Options()
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,1000", "--lang=zh-CN"):
            options.add_argument(flag)
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        cls.driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        cls.driver.implicitly_wait(2)
        cls.shots = 0
        cls.checked_pages = set()

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        cls.service.stop()

    # Helpers

    def open(self, path):
        self.driver.get(self.service.url + path)
        self.page_checks()

    def page_checks(self, refused=False):
        """After every page: a screenshot, no console errors, no accessibility violations. A form
        refused on purpose answers 422, which Chromium logs as a failed load: that one is expected."""
        d = self.driver
        cls = type(self)
        cls.shots += 1
        name = re.sub(r"[^a-z0-9]+", "-", d.current_url.split("//", 1)[1].split("/", 1)[1].lower()).strip("-") or "home"
        d.save_screenshot(os.path.join(ARTIFACTS, f"{cls.shots:02d}-{name[:60]}.png"))
        errors = [entry for entry in d.get_log("browser") if entry["level"] == "SEVERE"
                  and not (refused and entry.get("source") == "network" and "status of 422" in entry["message"])]
        self.assertEqual(errors, [], f"console errors on {d.current_url}")
        template = re.sub(r"/\d+", "/N", d.current_url.split("?")[0])
        if template not in cls.checked_pages:
            cls.checked_pages.add(template)
            axe = Axe(d)
            axe.inject()
            results = axe.run()
            # Colour contrast is among the rules checked on every page (axe runs it by default).
            ran = {rule["id"] for kind in ("passes", "violations", "incomplete", "inapplicable") for rule in results[kind]}
            self.assertIn("color-contrast", ran)
            violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['html'][:120]})" for v in results["violations"]]
            self.assertEqual(violations, [], f"accessibility violations on {d.current_url}")

    def sign_in(self, username):
        """As a person does: the password, then for everyone but officers the code their
        authenticator shows (enrolling it from the page the first time)."""
        d = self.driver
        account = self.service.accounts[username]
        d.delete_all_cookies()
        self.open("/login")
        d.find_element(By.ID, "username").send_keys(username)
        d.find_element(By.ID, "password").send_keys(account["password"])
        d.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
        self.page_checks()
        if d.current_url.endswith("/login/code"):
            enrolment = d.find_elements(By.ID, "totp-secret")
            if enrolment:
                account["secret"] = enrolment[0].text.replace(" ", "")
                self.assertIn(f"secret={account['secret']}", d.find_element(By.ID, "totp-uri").text)
            self.assertIsNotNone(account["secret"], f"{username} has no one-time-code secret")
            d.find_element(By.ID, "code").send_keys(totp(account["secret"], self.unused_step(account)))
            d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            self.page_checks()
        self.assertIn("工作台", d.title)

    @staticmethod
    def unused_step(account):
        """The current time step, once it is later than the last one used: the service accepts
        no code twice, so a second sign-in within 30 seconds waits for the next code."""
        while int(time.time()) // 30 <= account.get("step", -1):
            time.sleep(1)
        account["step"] = int(time.time()) // 30
        return account["step"]

    def listed(self, state):
        """How many cases the list finds in a state (the dashboard counts open cases only)."""
        self.open(f"/cases?state={state}")
        return int(re.search(r"共 (\d+) 件", self.driver.page_source).group(1))

    def counts(self):
        self.open("/")
        result = {}
        for card in self.driver.find_elements(By.CSS_SELECTOR, ".cards a.card"):
            state = card.get_attribute("href").split("state=")[1]
            result[state] = int(card.find_element(By.CSS_SELECTOR, ".count").text)
        return result

    def fill(self, field, value):
        element = self.driver.find_element(By.ID, field)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)

    def event(self, case_url, kind, fields, on=TODAY, confirm=False):
        """Records an event from the case page's button (opening the group of further steps when
        it is not among the next ones); `confirm`: the step asks first, and is confirmed."""
        d = self.driver
        d.get(case_url)
        self.page_checks()
        link = d.find_element(By.CSS_SELECTOR, f"a[href$='/events/{kind}']")
        if not link.is_displayed():
            d.find_element(By.CSS_SELECTOR, "details.more-actions summary").click()
        link.click()
        self.page_checks()
        # Date inputs take typed digits in the locale's order; set the ISO value directly.
        d.execute_script(f"document.getElementById('on').value = '{on}'")
        for name, value in fields.items():
            self.fill("f-" + name, value)
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.page_checks()
        if confirm:
            self.assertIn("确认", d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").text)
            self.assertNotIn("已记录", d.page_source)
            d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            self.page_checks()
        self.assertNotIn("role=\"alert\"", d.page_source, f"{kind} was refused")
        self.assertIn("已记录", d.page_source)

    def letter_text(self):
        return self.driver.find_element(By.ID, "body").get_attribute("value")

    def set_letter_text(self, text):
        self.driver.execute_script("document.getElementById('body').value = arguments[0]", text)

    def press(self, value):
        self.driver.find_element(By.CSS_SELECTOR, f"main form button[value='{value}']").click()
        self.page_checks()

    # The scenario of issue 4

    def test_an_application_from_intake_to_archive(self):
        d = self.driver
        self.sign_in(OFFICER)
        before = self.counts()
        finished = {state: self.listed(state) for state in ("replied", "closed")}

        self.open("/cases/new")
        Select(d.find_element(By.ID, "channel")).select_by_value("registered_post")
        d.execute_script(f"document.getElementById('arrivedOn').value = '{ARRIVED}'")
        Select(d.find_element(By.ID, "kind")).select_by_value("natural_person")
        self.fill("name", "<b>王五</b>")
        self.fill("idType", "身份证")
        self.fill("idNumber", "370103198001011233")
        self.fill("phone", "13912345678")
        self.fill("address", "济南市市中区经七路88号")
        self.fill("subject", "申请公开经七路片区旧城改造项目房屋征收补偿方案")
        self.fill("description", "请提供该片区房屋征收补偿方案及区政府批准文件。")
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.page_checks()
        case_url = d.current_url.split("?")[0]
        self.assertIn("市中区住建局依申〔2026〕", d.find_element(By.TAG_NAME, "h1").text)
        self.assertIn("&lt;b&gt;王五&lt;/b&gt;", d.page_source)
        after = self.counts()
        self.assertEqual(after.get("registered", 0), before.get("registered", 0) + 1)

        self.event(case_url, "request_correction", {"items": "请明确所需文件的名称或文号"})
        self.assertEqual(self.counts().get("awaiting_correction", 0), before.get("awaiting_correction", 0) + 1)
        self.event(case_url, "correction_received", {"note": "申请人补充了文号"})
        self.event(case_url, "start_consultation", {"party": "third_party", "name": "济南某置业有限公司", "matter": "补偿协议是否涉及商业秘密"})
        self.assertEqual(self.counts().get("consulting", 0), before.get("consulting", 0) + 1)
        self.event(case_url, "consultation_answered", {"outcome": "objection", "summary": "不同意公开补偿协议附件"})
        self.event(case_url, "request_extension", {"workingDays": "15", "reason": "需调取历年征收档案"})

        self.sign_in(SUPERVISOR)
        self.open("/review")
        self.assertIn(case_url.rsplit("/", 1)[1], d.page_source)
        # The approval shows what is approved: the days, the reason, the due date now and after.
        self.open(case_url.replace(self.service.url, "") + "/events/approve_extension")
        self.assertIn("15个工作日", d.page_source)
        self.assertIn("需调取历年征收档案", d.page_source)
        self.assertIn("批准后的答复期限", d.page_source)
        self.event(case_url, "approve_extension", {"note": "同意延期"})

        # 拟稿: the officer proposes the outcome and the reply letter drafted from it, edits the letter, submits both.
        self.sign_in(OFFICER)
        d.get(case_url)
        self.page_checks()
        d.find_element(By.CSS_SELECTOR, "a[href$='/proposal']").click()
        self.page_checks()
        d.execute_script(f"document.getElementById('on').value = '{TODAY}'")
        self.fill("f-disposition", "partial")
        self.fill("f-legalBasis", "《中华人民共和国政府信息公开条例》第十五条、第三十七条")
        self.fill("f-reasons", "补偿协议附件涉及第三方商业秘密，作区分处理后公开其余部分")
        self.fill("f-provision", "paper")
        self.press("preview")
        drafted = self.letter_text()
        self.assertIn("补偿协议附件涉及第三方商业秘密", drafted)
        self.set_letter_text(drafted + "\n补偿方案正文共12页，随本答复书一并提供。")
        self.press("submit")
        self.assertIn("已记录", d.page_source)
        self.assertEqual(self.counts().get("pending_signoff", 0), before.get("pending_signoff", 0) + 1)

        # 核稿: the supervisor reads the letter beside the case and returns it with a comment.
        self.sign_in(SUPERVISOR)
        self.open("/review")
        self.assertIn("拟：部分公开", d.page_source)
        self.open(case_url.replace(self.service.url, "") + "/signoff")
        self.assertIn("随本答复书一并提供", self.letter_text())
        self.fill("note", "请写明不予公开的附件名称")
        self.press("return")
        self.assertIn("已记录", d.page_source)

        # The officer revises: the comment is shown, the earlier edit is kept.
        self.sign_in(OFFICER)
        self.open("/")
        self.assertIn(case_url.rsplit("/", 1)[1], d.find_element(By.XPATH, "//section[h2[contains(., '被退回修改')]]").get_attribute("innerHTML"))
        self.open(case_url.replace(self.service.url, "") + "/proposal")
        self.assertIn("请写明不予公开的附件名称", d.page_source)
        self.press("preview")
        self.assertIn("随本答复书一并提供", self.letter_text())
        self.set_letter_text(self.letter_text() + "\n不予公开的为补偿协议附件二（第三方经营数据）。")
        self.press("submit")
        self.assertIn("已记录", d.page_source)

        # 签发: the supervisor edits a sentence and signs off, after a confirmation; the letter is numbered.
        self.sign_in(SUPERVISOR)
        self.open(case_url.replace(self.service.url, "") + "/signoff")
        self.set_letter_text(self.letter_text() + "\n如对本答复有疑问，可与本机关联系。")
        self.fill("note", "同意")
        self.press("sign")
        self.assertIn("文号一经使用不再收回", d.page_source)
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.page_checks()
        self.assertIn("已签发待发出", d.page_source)
        # Numbered per agency, kind and year (another test may have numbered a reply before this one).
        reply_number = re.search(r"市中区住建局答复〔2026〕第\d+号", d.page_source).group(0)

        # The officer issues the signed reply and records its delivery; archiving asks first.
        self.sign_in(OFFICER)
        self.event(case_url, "reply", {})
        self.assertEqual(self.listed("replied"), finished["replied"] + 1)
        self.assertEqual(self.counts().get("to_issue", 0), before.get("to_issue", 0))
        self.assertNotIn("replied", self.counts())
        self.event(case_url, "record_delivery", {"method": "post", "reference": "EMS9876543210"})
        self.event(case_url, "archive", {"note": "归档"}, confirm=True)
        final = self.counts()
        self.assertEqual(self.listed("closed"), finished["closed"] + 1)
        self.assertEqual(self.listed("replied"), finished["replied"])
        for state in ("registered", "awaiting_correction", "consulting", "pending_signoff", "to_issue"):
            self.assertEqual(final.get(state, 0), before.get(state, 0), state)
        d.get(case_url)
        self.page_checks()
        # Case work names the outcome short; the report's counting notes stay in the report.
        self.assertIn("部分公开", d.page_source)
        self.assertNotIn("只计这一情形", d.page_source)
        number = d.find_element(By.TAG_NAME, "h1").text

        # The signed reply letter, numbered, with both edits; it is in the case's history.
        d.find_element(By.XPATH, "//section[h2[contains(., '办理记录')]]//a[contains(., '文书定稿')]").click()
        self.page_checks()
        sheet = d.find_element(By.CSS_SELECTOR, "article.sheet").text
        self.assertIn("部分公开", sheet)
        self.assertIn("行政复议", sheet)
        self.assertIn("补偿协议附件二", sheet)
        self.assertIn("如对本答复有疑问", sheet)
        self.assertEqual(reply_number, d.find_element(By.CSS_SELECTOR, ".letter-number").text.strip())

        # Any other letter is finalised on its own, after a confirmation.
        self.open(case_url.replace(self.service.url, "") + "/letters")
        Select(d.find_element(By.ID, "kind")).select_by_value("correction")
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.page_checks()
        d.find_element(By.CSS_SELECTOR, "form[action$='/finalise'] button[type=submit]").click()
        self.page_checks()
        self.assertIn("文号一经使用不再收回", d.page_source)
        d.find_element(By.CSS_SELECTOR, "form[action$='/finalise'] button[type=submit]").click()
        self.page_checks()
        self.assertRegex(d.find_element(By.CSS_SELECTOR, ".letter-number").text, r"市中区住建局补正〔2026〕第\d+号")

        # At the next intake, typing the same identity number lists the earlier case.
        self.open("/cases/new")
        self.fill("idNumber", "370103198001011233")
        WebDriverWait(d, 5).until(lambda driver: driver.find_element(By.ID, "earlier").is_displayed())
        self.assertIn(number, d.find_element(By.ID, "earlier-list").text)
        self.page_checks()

    # Issue 12: a clerk imports next year's holiday notice from its published text.

    NOTICE_2027 = "\n".join([
        "国务院办公厅关于2027年部分节假日安排的通知",
        "一、元旦：1月1日（周五）至3日（周日）放假，共3天。",
        "二、春节：2月5日（周五）至12日（周五）放假调休，共8天。2月13日（周六）、2月20日（周六）上班。",
        "三、清明节：4月3日（周六）至5日（周一）放假，共3天。",
        "四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）上班。",
        "五、端午节：6月9日（周三）放假，共1天。",
        "六、中秋节：9月15日（周三）放假，共1天。",
        "七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。",
    ])

    def paste_notice(self, text, refused=False):
        d = self.driver
        d.execute_script("document.getElementById('calendar-text').value = arguments[0]", text)
        self.fill("calendar-year", "2027")
        d.find_element(By.CSS_SELECTOR, "form[action='/admin/calendar/preview'] button[type=submit]").click()
        self.page_checks(refused=refused)

    def test_a_clerk_imports_next_years_notice(self):
        d = self.driver
        self.sign_in(ADMIN)
        self.open("/admin/calendar")
        self.assertIn("2027", d.find_element(By.ID, "years-title").find_element(By.XPATH, "..").text)
        # A typo is refused naming its line; what was pasted stays in the box.
        self.paste_notice(self.NOTICE_2027.replace("放假，共3天。\n四", "放家，共3天。\n四"), refused=True)
        self.assertIn("第4行无法识别", d.find_element(By.CSS_SELECTOR, "p.error").text)
        self.assertIn("放家", d.find_element(By.ID, "calendar-text").get_attribute("value"))
        # The month grid and the year's count, then the confirmation.
        self.paste_notice(self.NOTICE_2027)
        self.assertIn("2027年：全年248个工作日", d.find_element(By.TAG_NAME, "main").text)
        february = d.find_elements(By.CSS_SELECTOR, "table.month")[1]
        self.assertIn("2月（16个工作日）", february.find_element(By.TAG_NAME, "caption").text)
        self.assertEqual(len(february.find_elements(By.CSS_SELECTOR, "td.makeup")), 2)
        d.find_element(By.CSS_SELECTOR, "form[action='/admin/calendar'] button[type=submit]").click()
        self.page_checks()
        self.assertIn("已导入：2027年", d.find_element(By.CSS_SELECTOR, "p.notice").text)
        rows = [row.text for row in d.find_elements(By.CSS_SELECTOR, "table tbody tr")]
        self.assertTrue(any(row.startswith("2027") and "248" in row and "预计" not in row for row in rows), rows)

    def test_every_page_is_accessible(self):
        self.sign_in(SUPERVISOR)
        for path in ("/", "/cases", "/cases/new", "/review", "/profile", "/reports?year=2025", "/statistics?year=2025", "/library/new", "/library?q=征收", "/library?q=cq"):
            self.open(path)
        self.open("/cases")
        self.driver.find_element(By.CSS_SELECTOR, "table a[href^='/cases/']").click()
        self.page_checks()
        self.driver.find_element(By.CSS_SELECTOR, ".actions a").click()
        self.page_checks()
        # A count on the statistics page opens the cases it counts.
        self.open("/statistics?year=2026")
        self.driver.find_element(By.CSS_SELECTOR, "main a[href^='/cases?']").click()
        self.page_checks()
        self.assertIn("共", self.driver.page_source)
        self.sign_in(ADMIN)
        for path in ("/admin", "/admin/users", "/admin/users?q=zjj", "/admin/agencies", "/admin/templates", "/admin/words"):
            self.open(path)

    # Issue 17: an applicant applies in the portal on a phone, with an attachment, and follows
    # the application; the agency's officer confirms it. No staff account on the applicant's side.

    def test_an_applicant_applies_on_a_phone_and_follows_the_application(self):
        d = self.driver
        d.delete_all_cookies()
        d.set_window_size(390, 844)
        try:
            self.open("/apply")
            scripts = d.find_elements(By.TAG_NAME, "script")
            self.assertEqual([s.get_attribute("src").split("/static/")[-1] for s in scripts], ["portal.js"],
                             "one external script, which only adds the answers while typing: the form works without it")
            self.fill("agencyID", str(self.agency_id("济南市市中区住房和城乡建设局")))
            self.fill("kind", "natural_person")
            self.fill("name", "赵六")
            self.fill("idNumber", "370103198001011233")
            self.fill("phone", "13800138000")
            self.fill("email", "zhao.liu@example.com")
            self.fill("subject", "经七路片区征收补偿方案")
            self.fill("description", "2026年经七路片区房屋征收补偿方案及批准文件")
            self.fill("formWanted", "electronic")
            self.fill("deliveryWanted", "platform")
            png = os.path.join(tempfile.mkdtemp(), "身份证.png")
            with open(png, "wb") as f:
                f.write(b"\x89PNG\r\n\x1a\n" + bytes(500))
            d.find_element(By.ID, "attachments").send_keys(png)
            numerals = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
            question = d.find_element(By.CSS_SELECTOR, "label[for=challengeAnswer]").text
            self.fill("challengeAnswer", str(numerals[question[0]] + numerals[question[2]]))
            d.find_element(By.CSS_SELECTOR, "form[action='/apply'][method=post] button[type=submit]").click()
            self.page_checks()
            self.assertIn("申请已提交", d.page_source)
            code = d.find_element(By.ID, "receipt-code").text
            password = d.find_element(By.ID, "tracking-password").text

            self.open("/apply/answers")
            self.page_checks()
            self.assertIn("典型案例与常见问题", d.find_element(By.TAG_NAME, "h1").text)

            self.open("/apply/track")
            self.fill("code", code)
            self.fill("password", "WRONGPASS2")
            d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            self.page_checks(refused=True)
            self.assertIn("回执编号或查询密码不正确", d.page_source)
            self.fill("password", password)
            d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
            self.page_checks()
            self.assertEqual(d.find_element(By.ID, "progress").text, "待确认")
        finally:
            d.set_window_size(1366, 1000)

        # The officer of the agency confirms it: a case received today.
        self.sign_in(OFFICER)
        self.open("/submissions")
        d.find_element(By.LINK_TEXT, code).click()
        self.page_checks()
        self.assertIn("身份证.png", d.page_source)
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.page_checks()
        self.assertIn("经七路片区征收补偿方案", d.page_source)
        self.assertIn("网上申请", d.page_source)
        # The information to release is put up on the case: a browser's multipart form, which
        # passes the CSRF check with the session's token in its fields.
        d.find_element(By.LINK_TEXT, "公开的信息").click()
        self.page_checks()
        self.assertIn("以公开或部分公开答复后，申请人可在网上平台下载", d.page_source)
        pdf = os.path.join(tempfile.mkdtemp(), "补偿方案.pdf")
        with open(pdf, "wb") as f:
            f.write(b"%PDF-1.4\n" + bytes(800))
        d.find_element(By.ID, "file").send_keys(pdf)
        d.find_element(By.CSS_SELECTOR, "form[enctype='multipart/form-data'] button[type=submit]").click()
        self.page_checks()
        self.assertIn("文件已上传", d.page_source)
        self.assertEqual(d.find_element(By.CSS_SELECTOR, "#released-files tbody a").text, "补偿方案.pdf")

        d.delete_all_cookies()
        self.open("/apply/track")
        self.fill("code", code)
        self.fill("password", password)
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.page_checks()
        self.assertEqual(d.find_element(By.ID, "progress").text, "办理中")
        self.assertTrue(d.find_element(By.ID, "reply-due").text.startswith("2026年"))

    def agency_id(self, name):
        options = self.driver.find_elements(By.CSS_SELECTOR, "#agencyID option")
        return next(o.get_attribute("value") for o in options if o.text == name)

    # Issue 14: a reply letter signed as it prints. Its signature (agency, date, the space for
    # the seal) never stands alone on the last A4 page, however the body's length falls.

    def test_a_long_reply_letter_keeps_its_signature_with_the_body(self):
        from pypdf import PdfReader  # Deploy/test installs it into the e2e venv
        d = self.driver
        self.sign_in(OFFICER)
        case_url = register_application(self, "申请公开经四路片区旧城改造项目补偿协议")
        reasons = "补偿协议附件载有被征收人的姓名、身份证件号码、房屋坐落和补偿金额，属于个人隐私，公开会对第三方合法权益造成损害；" * 4
        letter_url = proposed_reply_letter(self, case_url, {
            "disposition": "partial", "legalBasis": "《中华人民共和国政府信息公开条例》第十五条、第三十七条",
            "reasons": reasons, "provision": "paper"})

        self.open(letter_url)
        sheet = d.find_element(By.CSS_SELECTOR, "article.sheet").text
        self.assertIn("申请公开“经四路片区旧城改造项目补偿协议”", sheet)
        self.assertNotIn("申请公开“申请公开", sheet)
        self.assertNotIn("星期", sheet)
        signer = re.sub(r"\s+", "", d.find_element(By.CSS_SELECTOR, ".letter-signature p:first-child").text)
        date = d.find_element(By.CSS_SELECTOR, ".letter-signature p:last-child").text
        self.assertRegex(date, r"^\d{4}年\d{1,2}月\d{1,2}日$")
        paragraphs = d.find_element(By.ID, "body").get_attribute("value").split("\n")
        self.assertEqual(paragraphs[-1], "特此答复。")
        # One line more at a time before the closing paragraphs, until the letter has run onto one
        # more page and six lines beyond: the place where a signature would fall alone.
        counts = []
        for extra in range(40):
            filler = [f"补充说明第{n + 1}项：已逐项核对。" for n in range(extra)]
            body = "\n".join(paragraphs[:-2] + filler + paragraphs[-2:])
            d.execute_script("document.getElementById('body').value = arguments[0]", body)
            d.find_element(By.CSS_SELECTOR, f"form[action='{letter_url}'] button[type=submit]").click()
            self.page_checks()
            pdf = base64.b64decode(d.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})["data"])
            with open(os.path.join(ARTIFACTS, "reply-letter.pdf"), "wb") as out:
                out.write(pdf)
            reader = PdfReader(io.BytesIO(pdf))
            box = reader.pages[0].mediabox
            self.assertAlmostEqual(float(box.width), 595.3, delta=1, msg="A4 width (210 mm) in points")
            self.assertAlmostEqual(float(box.height), 841.9, delta=1.5, msg="A4 height (297 mm) in points")
            counts.append(len(reader.pages))
            # The fonts map some glyphs to Kangxi radicals (⽇ for 日): NFKC gives the characters back.
            last = re.sub(r"\s+", "", unicodedata.normalize("NFKC", reader.pages[-1].extract_text()))
            self.assertIn(signer, last, f"{extra} more lines: the signer is on the last page")
            self.assertIn(date, last, f"{extra} more lines: the date is on the last page")
            beside = last.replace(signer, "").replace(date, "")
            self.assertIn("特此答复", beside, f"{extra} more lines, {counts[-1]} pages: the last page holds no body text beside the signature")
            if counts[-1] > counts[0] and counts.count(counts[-1]) > 6:
                break
        self.assertGreaterEqual(counts[0], 2, "a long letter")
        self.assertGreater(counts[-1], counts[0], f"the letter never ran onto another page: {counts}")

        # Signed off as it stands; the 办理呈批表 then holds the officer's proposal and the supervisor's opinion.
        self.sign_in(SUPERVISOR)
        self.open(case_url.replace(self.service.url, "") + "/signoff")
        self.fill("note", "同意")
        self.press("sign")
        d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        self.page_checks()
        self.assertIn("已签发待发出", d.page_source)
        self.open(case_url.replace(self.service.url, "") + "/approval-form")
        form = d.find_element(By.CSS_SELECTOR, "article.form-sheet").text
        self.assertIn("拟答复：部分公开", form)
        self.assertIn("同意", form)


def register_application(test, subject):
    """Registers an application through the intake form as the signed-in officer; returns the case's URL."""
    d = test.driver
    test.open("/cases/new")
    Select(d.find_element(By.ID, "channel")).select_by_value("in_person")
    d.execute_script(f"document.getElementById('arrivedOn').value = '{ARRIVED}'")
    Select(d.find_element(By.ID, "kind")).select_by_value("natural_person")
    test.fill("name", "赵六")
    test.fill("phone", "13712345678")
    test.fill("subject", subject)
    test.fill("description", "请提供该片区的补偿协议。")
    d.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    test.page_checks()
    return d.current_url.split("?")[0]


def proposed_reply_letter(test, case_url, draft):
    """The reply letter (答复书) of a case as a draft: the officer proposes the outcome on 拟稿 and
    submits it with the letter drafted from it. Returns the letter's path; the officer stays signed in."""
    d = test.driver
    test.open(case_url.replace(test.service.url, "") + "/proposal")
    d.execute_script(f"document.getElementById('on').value = '{TODAY}'")
    for name, value in draft.items():
        test.fill("f-" + name, value)
    test.press("preview")
    test.press("submit")
    test.assertIn("已记录", d.page_source)
    return d.find_element(By.XPATH, "//section[h2[contains(., '文书')]]//a[contains(., '答复书')]").get_attribute("href").replace(test.service.url, "")


if __name__ == "__main__":
    PROGRAM = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
