<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>ImportIatiDialog</name>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="44"/>
        <source>no iati-identifier</source>
        <translation>iati-identifier（IATI識別子）がありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="45"/>
        <source>no title</source>
        <translation>案件名（title）がありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="46"/>
        <source>no text</source>
        <translation>本文がありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="47"/>
        <source>missing</source>
        <translation>記載がありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="48"/>
        <source>no code</source>
        <translation>コードがありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="49"/>
        <source>not an ISO 3166-1 alpha-2 country code</source>
        <translation>ISO 3166-1 の2文字国コードではありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="50"/>
        <source>no role</source>
        <translation>役割（role）の指定がありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="51"/>
        <source>neither a name nor an identifier</source>
        <translation>名称も識別子もありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="52"/>
        <source>code or vocabulary too long</source>
        <translation>コードまたは分類体系（vocabulary）が長すぎます</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="53"/>
        <source>not a DAC 5-digit purpose code</source>
        <translation>DACの5桁セクターコード（purpose code）ではありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="54"/>
        <source>neither a name nor coordinates</source>
        <translation>名称も座標もありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="55"/>
        <source>no ref</source>
        <translation>参照先（ref）がありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="56"/>
        <source>no value</source>
        <translation>金額がありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="57"/>
        <source>no currency (and no default-currency)</source>
        <translation>通貨の指定がありません（default-currency もありません）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="58"/>
        <source>a project with this identifier is in the trash; restore it to update it</source>
        <translation>この識別子の案件はごみ箱にあります。更新するには、先にごみ箱から復元してください</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="62"/>
        <source>the file has no IATI version; it was read as 2.03</source>
        <translation>ファイルにIATIのバージョン記載がないため、2.03として読み込みました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="71"/>
        <source>iati-identifier longer than {n} characters</source>
        <translation>iati-identifier が{n}文字を超えています</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="75"/>
        <source>the identifier appears again (first at line {line})</source>
        <translation>識別子が重複しています（初出は{line}行目）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="81"/>
        <source>shortened to {n} characters (full text kept)</source>
        <translation>{n}文字に短縮しました（全文は別途保持）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="85"/>
        <source>{lang} text shortened to {n} characters</source>
        <translation>{lang}の本文を{n}文字に短縮しました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="89"/>
        <source>unknown code {value}</source>
        <translation>不明なコード {value}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="93"/>
        <source>unknown type {value}</source>
        <translation>不明な種別 {value}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="97"/>
        <source>not a date: {value}</source>
        <translation>日付として読めません：{value}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="101"/>
        <source>not a number: {value}</source>
        <translation>数値として読めません：{value}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="105"/>
        <source>negative value {value}</source>
        <translation>金額が負の値です（{value}）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="109"/>
        <source>unknown currency {value}</source>
        <translation>不明な通貨 {value}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="113"/>
        <source>budgets in several currencies ({currencies}): no total</source>
        <translation>予算が複数の通貨（{currencies}）で記載されているため、合計を算出していません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="119"/>
        <source>percentage {value} is not a number; kept without it</source>
        <translation>割合 {value} が数値ではないため、割合なしで取り込みました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="125"/>
        <source>percentage {value} is outside 0-100; kept without it</source>
        <translation>割合 {value} が0～100の範囲外のため、割合なしで取り込みました</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="131"/>
        <source>coordinates {value} are not &apos;latitude longitude&apos; in range</source>
        <translation>座標 {value} が「緯度 経度」の有効な範囲にありません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="137"/>
        <source>IATI version {version} was read as 2.03</source>
        <translation>IATIバージョン{version}のファイルを2.03として読み込みました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="159"/>
        <location filename="../../fieldkit/ui/iati_import.py" line="180"/>
        <source>Import IATI activities</source>
        <translation>IATI活動ファイルの取り込み</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="161"/>
        <source>IATI activity files (*.xml);;All files (*)</source>
        <translation>IATI活動ファイル (*.xml);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="183"/>
        <source>Reading {name}…</source>
        <translation>{name} を読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="188"/>
        <source>Import progress</source>
        <translation>取り込みの進捗</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="192"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="192"/>
        <source>Identifier</source>
        <translation>識別子</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="192"/>
        <source>What</source>
        <translation>対象要素</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="192"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="193"/>
        <source>Outcome</source>
        <translation>処理</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="204"/>
        <source>What was skipped</source>
        <translation>取り込まなかった項目</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="242"/>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="271"/>
        <source>IATI import finished</source>
        <translation>IATI取り込み完了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="273"/>
        <source>{name}: {read} activities read. {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped.</source>
        <translation>{name}：活動{read}件を読み込みました。案件登録簿に新規登録{created}件、更新{updated}件、変更なし{unchanged}件、スキップ{skipped}件。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="286"/>
        <source>{n} parts of activities were left out.</source>
        <translation>活動内の{n}項目は取り込みませんでした。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="290"/>
        <source>{n} activities for other countries.</source>
        <translation>対象国以外の活動{n}件は取り込んでいません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="302"/>
        <source>activity skipped</source>
        <translation>活動をスキップ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="302"/>
        <source>left out</source>
        <translation>この項目のみ除外</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="350"/>
        <source>Cancelled: nothing was imported.</source>
        <translation>キャンセルしました。何も取り込まれていません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="354"/>
        <source>The import failed: nothing was imported.</source>
        <translation>取り込みに失敗しました。何も取り込まれていません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/iati_import.py" line="356"/>
        <source>IATI import stopped</source>
        <translation>IATI取り込み中止</translation>
    </message>
</context>
</TS>
