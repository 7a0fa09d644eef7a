<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>DigestDialog</name>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="463"/>
        <source>Period digest</source>
        <translation>期間ダイジェスト</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="464"/>
        <source>&amp;Period</source>
        <translation>対象期間(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="465"/>
        <source>to</source>
        <translation>～</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="466"/>
        <source>First day of the period</source>
        <translation>対象期間の開始日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="467"/>
        <source>Last day of the period</source>
        <translation>対象期間の終了日</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="470"/>
        <source>&amp;Summit / forum</source>
        <translation>首脳会議等(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="471"/>
        <source>Any</source>
        <translation>指定なし</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="474"/>
        <source>Policy fields (none ticked: all)</source>
        <translation>重点分野（未選択の場合は全分野）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="477"/>
        <source>Countries (none ticked: all)</source>
        <translation>対象国（未選択の場合は全ての国）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="478"/>
        <source>Type a country&apos;s name or code</source>
        <translation>国名または国コードで検索</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="480"/>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="495"/>
        <source>{name} ({code})</source>
        <translation>{name}（{code}）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="541"/>
        <source>The period starts ({start}) after it ends ({end}).</source>
        <translation>対象期間の開始日（{start}）が終了日（{end}）より後になっています。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="563"/>
        <source>The digest could not be made: {error}</source>
        <translation>ダイジェストを作成できませんでした：{error}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="577"/>
        <source>Period digest {period}</source>
        <translation>期間ダイジェスト（{period}）</translation>
    </message>
</context>
<context>
    <name>ListReportDialog</name>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="627"/>
        <source>Follow-up actions</source>
        <translation>フォローアップ事項一覧</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="628"/>
        <source>Project status sheet</source>
        <translation>案件進捗状況一覧</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="632"/>
        <source>&amp;Owner</source>
        <translation>担当者(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="633"/>
        <source>everyone</source>
        <translation>全担当者</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="634"/>
        <source>&amp;Countries</source>
        <translation>対象国(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="635"/>
        <source>all countries, or codes such as KE, TZ</source>
        <translation>全ての国（または KE, TZ などの国コード）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="640"/>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="647"/>
        <source>unknown country code &apos;{code}&apos; (use ISO codes such as KE)</source>
        <translation>国コード「{code}」は存在しません（KE などの ISO 国コードを入力してください）。</translation>
    </message>
</context>
<context>
    <name>PreviewWindow</name>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="190"/>
        <source>Print preview — {title}</source>
        <translation>印刷プレビュー — {title}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="191"/>
        <source>Report</source>
        <translation>レポート</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="192"/>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="193"/>
        <source>Print this document</source>
        <translation>この文書を印刷</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="194"/>
        <source>Export PDF…</source>
        <translation>PDFで書き出す…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="195"/>
        <source>Save this document as a PDF file</source>
        <translation>この文書をPDFファイルとして保存</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="196"/>
        <source>Fit width</source>
        <translation>幅に合わせる</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="197"/>
        <source>Whole page</source>
        <translation>ページ全体を表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="200"/>
        <source>{pages} · {marking}</source>
        <translation>{pages}・{marking}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="221"/>
        <source>Saved {path}</source>
        <translation>{path} に保存しました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="251"/>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="251"/>
        <source>The printer could not be started.</source>
        <translation>プリンターで印刷を開始できませんでした。</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="107"/>
        <source>Export PDF</source>
        <translation>PDFで書き出す</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="111"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF文書 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="117"/>
        <source>1 page</source>
        <translation>1ページ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="118"/>
        <source>{n} pages</source>
        <translation>{n}ページ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="124"/>
        <source>a project</source>
        <translation>案件</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="125"/>
        <source>an organisation</source>
        <translation>組織</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="126"/>
        <source>a person</source>
        <translation>人物</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="127"/>
        <source>a follow-up action</source>
        <translation>フォローアップ事項</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="128"/>
        <source>an attachment</source>
        <translation>添付ファイル</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="322"/>
        <source>This record is {kind}: only meetings and visits can be printed.</source>
        <translation>この記録（{kind}）は印刷できません。印刷できるのは面談記録と視察報告のみです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/printing.py" line="346"/>
        <source>Saved {path} ({pages})</source>
        <translation>{path} に保存しました（{pages}）</translation>
    </message>
</context>
</TS>
